import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AdvisorAttention } from '@fieldwork/contracts';
import { AttentionPanel } from './attention-panel';

describe('AttentionPanel', () => {
  let api: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    api = TestBed.inject(HttpTestingController);
  });

  afterEach(() => api.verify());

  function render(answer: AdvisorAttention) {
    const fixture = TestBed.createComponent(AttentionPanel);
    fixture.detectChanges();
    api.expectOne('/api/me/attention').flush(answer);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('links reviews waiting to the queue and each not-started homework to the filtered gradebook', () => {
    const el = render({
      reviewsWaiting: 3,
      oldestWaitingSince: '2026-12-01T15:00:00Z',
      notStartedDueSoon: [
        { cohortId: 'c1', cohortName: 'Fall 2026', assignmentId: 'a1', title: 'Thank-you note', dueOn: '2026-12-10', dueAt: '2026-12-11T04:59:59Z', notStarted: 4 },
        { cohortId: 'c2', cohortName: 'Spring', assignmentId: 'a2', title: 'Coffee chat', dueOn: '2026-12-12', dueAt: '2026-12-13T04:59:59Z', notStarted: 1 },
      ],
    });
    const items = [...el.querySelectorAll('li')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(items[0]).toMatch(/^3 reflections waiting for review \(oldest since Dec 1(, 2026)?\)$/);
    expect(items[1]).toMatch(/^4 students haven’t started Thank-you note \(due Dec 10(, 2026)?, Fall 2026\)$/);
    expect(items[2]).toContain('1 student hasn’t started Coffee chat');
    expect(el.querySelector('a[href="/reviews"]')).not.toBeNull();
    expect(el.querySelector('a[href="/cohorts/c1/gradebook?assignment=a1&status=not_started"]')?.textContent).toContain('Thank-you note');
    expect(el.querySelector('a[href="/cohorts/c2/gradebook?assignment=a2&status=not_started"]')).not.toBeNull();
  });

  it('says so kindly when nothing needs the advisor', () => {
    const el = render({ reviewsWaiting: 0, oldestWaitingSince: null, notStartedDueSoon: [] });
    expect(el.querySelector('ul')).toBeNull();
    expect(el.textContent).toContain('You\'re all caught up');
  });

  it('shows an error with a way to try again', () => {
    const fixture = TestBed.createComponent(AttentionPanel);
    fixture.detectChanges();
    api.expectOne('/api/me/attention').flush({ message: 'boom' }, { status: 500, statusText: 'Server Error' });
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[role="alert"]')).not.toBeNull();
    (el.querySelector('[role="alert"] button') as HTMLButtonElement).click();
    api.expectOne('/api/me/attention').flush({ reviewsWaiting: 1, oldestWaitingSince: null, notStartedDueSoon: [] });
    fixture.detectChanges();
    expect(el.textContent).toContain('1 reflection waiting for review');
  });
});
