import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { FwLoadProblem } from './load-problem';

describe('FwLoadProblem', () => {
  async function render(status: number) {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(FwLoadProblem);
    fixture.componentRef.setInput('problem', { status, message: 'It went wrong.' });
    fixture.componentRef.setInput('notFoundTitle', 'Task not found');
    fixture.componentRef.setInput('failedTitle', 'Couldn’t load this task');
    fixture.componentRef.setInput('backLink', '/tasks');
    fixture.componentRef.setInput('backLabel', 'Back to my tasks');
    await fixture.whenStable();
    return fixture;
  }

  it('says the record is not found, without "Try again", and links back', async () => {
    const el = (await render(404)).nativeElement as HTMLElement;
    expect(el.querySelector('h1')?.textContent?.trim()).toBe('Task not found');
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('It went wrong.');
    expect([...el.querySelectorAll('button')].some((b) => b.textContent?.includes('Try again'))).toBe(false);
    expect(el.querySelector('a')?.getAttribute('href')).toBe('/tasks');
  });

  it('offers "Try again" when the load failed otherwise', async () => {
    const fixture = await render(500);
    const el = fixture.nativeElement as HTMLElement;
    const retried = jest.fn();
    fixture.componentInstance.retry.subscribe(retried);
    expect(el.querySelector('h1')?.textContent?.trim()).toBe('Couldn’t load this task');
    [...el.querySelectorAll('button')].find((b) => b.textContent?.includes('Try again'))?.click();
    expect(retried).toHaveBeenCalled();
  });
});
