import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FwSubmitActions } from './submit-actions';

@Component({
  imports: [FwSubmitActions],
  template: `
    <form>
      <fw-submit-actions label="Sign in" pendingLabel="Signing in…" [pending]="pending()" [disabled]="unchanged()" block>
        <button type="button" class="button button--secondary">Start over</button>
      </fw-submit-actions>
    </form>
  `,
})
class Host {
  readonly pending = signal(false);
  readonly unchanged = signal(false);
}

describe('fw-submit-actions', () => {
  it('is the form-actions row: the submit button first, says the pending words and is aria-disabled while pending', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const row = el.querySelector('fw-submit-actions');
    const buttons = () => Array.from(row?.querySelectorAll('button') ?? []);
    expect(row?.classList).toContain('form-actions');
    expect(buttons().map((b) => b.textContent?.trim())).toEqual(['Sign in', 'Start over']);
    expect(buttons()[0].type).toBe('submit');
    expect(buttons()[0].className).toBe('button button--block');
    expect(buttons()[0].getAttribute('aria-disabled')).toBeNull();

    fixture.componentInstance.pending.set(true);
    await fixture.whenStable();
    expect(buttons()[0].textContent?.trim()).toBe('Signing in…');
    expect(buttons()[0].getAttribute('aria-disabled')).toBe('true');

    fixture.componentInstance.pending.set(false);
    fixture.componentInstance.unchanged.set(true);
    await fixture.whenStable();
    expect(buttons()[0].textContent?.trim()).toBe('Sign in');
    expect(buttons()[0].getAttribute('aria-disabled')).toBe('true');
  });
});
