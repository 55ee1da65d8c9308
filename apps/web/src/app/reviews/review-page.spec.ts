import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, Router, convertToParamMap } from '@angular/router';
import type { Submission, TaskDetail } from '@fieldwork/contracts';
import { AuthService, FlashService } from '@fieldwork/web-core';
import { BehaviorSubject } from 'rxjs';
import { demoUser, setUpApiTest, signInAs, typeInto } from '../shared/testing';
import { answerViews } from './answers';
import { ReviewPage } from './review-page';

const task: TaskDetail = {
  id: 't1',
  assignmentId: 'a1',
  title: 'Informational interview',
  category: 'gather-information',
  student: { id: 's1', name: 'Sam Student' },
  cohort: { id: 'c1', name: 'Fall' },
  opensAt: '2026-11-01T00:00:00Z',
  dueAt: '2026-11-20T00:00:00Z',
  dueOn: '2026-11-19',
  extension: null,
  excusedReason: null,
  status: 'submitted',
  dueSoon: false,
  overdue: false,
  late: true,
  submittedAt: '2026-11-21T00:00:00Z',
  approvedAt: null,
  updatedAt: '2026-11-21T00:00:00Z',
  instructions: 'Talk to someone.',
  prompts: [
    { key: 'learned', label: 'What did you learn?', type: 'long_text', required: true },
    { key: 'link', label: 'Their profile', type: 'url', required: false },
    { key: 'confidence', label: 'Confidence', type: 'scale', required: false },
  ],
  contactRequired: true,
  evidence: { kind: 'none', required: false },
  rubric: [
    { key: 'insight', label: 'Insight', levels: [{ label: 'Thin', points: 0 }, { label: 'Deep', points: 3 }] },
    { key: 'next', label: 'Next steps', levels: [{ label: 'None', points: 0 }, { label: 'Clear', points: 2 }] },
  ],
  estimatedMinutes: 60,
  draft: { answers: {}, contactId: null, evidence: null, savedAt: null },
};

function submission(version: number, extra: Partial<Submission> = {}): Submission {
  return {
    id: `sub${version}`,
    version,
    answers: { learned: `Version ${version} answer`, link: 'javascript:alert(1)', confidence: 4 },
    contact: { id: 'k1', name: 'Pat Insider', organization: 'City Hall' },
    evidence: null,
    submittedAt: '2026-11-21T00:00:00Z',
    late: true,
    review: null,
    ...extra,
  };
}

/** The route of /reviews/t1 with these query parameters. */
function reviewRoute(query: Record<string, string>) {
  return {
    provide: ActivatedRoute,
    useValue: { paramMap: new BehaviorSubject(convertToParamMap({ taskId: 't1' })), snapshot: { queryParamMap: convertToParamMap(query) } },
  };
}

describe('ReviewPage', () => {
  let api: HttpTestingController;
  let navigate: jest.SpyInstance;

  beforeEach(() => {
    api = setUpApiTest(ReviewPage, { providers: [reviewRoute({ cohortId: 'c1' })] });
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  });

  afterEach(() => api.verify());

  async function render() {
    const fixture = TestBed.createComponent(ReviewPage);
    await fixture.whenStable();
    api.expectOne('/api/tasks/t1').flush(task);
    api.expectOne('/api/tasks/t1/submissions').flush([
      submission(1, { review: { id: 'r1', decision: 'revise', comment: 'More detail', rubricScores: null, totalPoints: null, reviewer: { id: 'a', name: 'Morgan' }, createdAt: '2026-11-20T00:00:00Z' } }),
      submission(2),
    ]);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  const button = (el: HTMLElement, text: string) =>
    [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) as HTMLButtonElement;

  it('shows the latest version with labels, the late badge, and earlier versions collapsed', async () => {
    const { el } = await render();
    const latest = el.querySelector('.review-layout section');
    expect(latest?.textContent).toContain('Version 2 answer');
    expect(latest?.textContent).toContain('Pat Insider');
    expect(latest?.textContent).toContain('4 of 5');
    expect(el.querySelector('.badge--late')).not.toBeNull();
    const details = el.querySelector('details.version');
    expect(details?.hasAttribute('open')).toBe(false);
    expect(details?.textContent).toContain('revision requested');
    expect(details?.textContent).toContain('More detail');
    // An unsafe link is shown as text, not as a link.
    expect(el.querySelector('a[href^="javascript"]')).toBeNull();
  });

  it('totals the rubric live and requires every score to approve', async () => {
    const { fixture, el } = await render();
    expect(el.querySelector('.rubric-total')?.textContent).toContain('0 of 5 points');
    const deep = el.querySelector<HTMLInputElement>('#rubric-insight-1');
    deep?.click();
    await fixture.whenStable();
    expect(el.querySelector('.rubric-total')?.textContent).toContain('3 of 5 points');

    button(el, 'Approve').click();
    await fixture.whenStable();
    expect(el.querySelector('#rubric-error-next')?.textContent).toContain('Score every criterion');
    api.expectNone('/api/tasks/t1/reviews');

    el.querySelector<HTMLInputElement>('#rubric-next-1')?.click();
    await fixture.whenStable();
    button(el, 'Approve').click();
    const post = api.expectOne('/api/tasks/t1/reviews');
    expect(post.request.body).toEqual({ decision: 'approve', rubricScores: { insight: 3, next: 2 } });
    post.flush({});
    const queue = api.expectOne((r) => r.url === '/api/reviews/queue');
    expect(queue.request.params.get('cohortId')).toBe('c1');
    queue.flush({ items: [{ taskId: 't1' }, { taskId: 't2', title: 'Thank-you note', student: { id: 's2', name: 'Alex' } }], nextCursor: null });
    expect(navigate).toHaveBeenCalledWith(['/reviews', 't2'], { queryParams: { cohortId: 'c1' } });
    expect(TestBed.inject(FlashService).take()).toBe(
      'Approved Sam Student’s “Informational interview”. Next: Alex, “Thank-you note”.',
    );
  });

  it('needs a comment to ask for a revision and shows server field errors', async () => {
    const { fixture, el } = await render();
    button(el, 'Ask for a revision').click();
    await fixture.whenStable();
    expect(el.querySelector('#review-comment-error')?.textContent).toContain('needs a comment');
    api.expectNone('/api/tasks/t1/reviews');

    const comment = el.querySelector<HTMLTextAreaElement>('#review-comment');
    if (!comment) throw new Error('no comment box');
    comment.value = 'Say more about the culture.';
    comment.dispatchEvent(new Event('input'));
    el.querySelector<HTMLInputElement>('#rubric-insight-0')?.click();
    await fixture.whenStable();
    button(el, 'Ask for a revision').click();
    api.expectOne('/api/tasks/t1/reviews').flush(
      { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field: 'rubricScores.insight', problems: ['must be one of: 0, 3'] }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(el.querySelector('#rubric-error-insight')?.textContent).toBe('Must be one of: 0, 3.');
    expect(navigate).not.toHaveBeenCalled();
  });
});

describe('answerViews', () => {
  it('formats answers by prompt type', () => {
    const views = answerViews(
      [
        { key: 'd', label: 'Date', type: 'date', required: true },
        { key: 'u', label: 'Link', type: 'url', required: true },
        { key: 'e', label: 'Empty', type: 'short_text', required: false },
      ],
      { d: '2026-11-20', u: 'https://example.org/x', e: '  ' },
    );
    expect(views.map((v) => [v.text, v.href])).toEqual([
      ['Nov 20, 2026', null],
      ['https://example.org/x', 'https://example.org/x'],
      [null, null],
    ]);
  });
});

describe('ReviewPage: dates in the career center\'s zone, extending and excusing', () => {
  let api: HttpTestingController;
  const advisor = demoUser('advisor');
  // Due at the end of Dec 10 in New York; the browser is in London.
  const open: TaskDetail = {
    ...task,
    status: 'in_progress',
    late: false,
    submittedAt: null,
    dueAt: '2026-12-11T04:59:59.000Z',
    dueOn: '2026-12-10',
  };

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-12-08T15:00:00Z'), doNotFake: ['queueMicrotask', 'setTimeout', 'setInterval', 'nextTick', 'setImmediate'] });
    const real = Intl.DateTimeFormat.prototype.resolvedOptions;
    jest.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockImplementation(function (this: Intl.DateTimeFormat) {
      return { ...real.call(this), timeZone: 'Europe/London' };
    });
    api = setUpApiTest(ReviewPage, { providers: [reviewRoute({})] });
    signInAs(api, advisor);
  });

  afterEach(() => {
    TestBed.inject(AuthService).clearSession();
    api.verify();
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  async function render(t: TaskDetail, submissions: Submission[] = []) {
    const fixture = TestBed.createComponent(ReviewPage);
    await fixture.whenStable();
    api.expectOne('/api/tasks/t1').flush(t);
    api.expectOne('/api/tasks/t1/submissions').flush(submissions);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const click = async (text: string) => {
      const b = [...el.querySelectorAll('button')].find((x) => x.textContent?.trim() === text);
      if (!b) throw new Error(`no button ${text}`);
      b.click();
      await fixture.whenStable();
    };
    const type = (selector: string, value: string) => typeInto(fixture, selector, value);
    return { fixture, el, click, type };
  }

  it('shows the due day and submission times in New York time, naming the zone', async () => {
    const { el } = await render({ ...task, dueAt: '2026-12-11T04:59:59.000Z', dueOn: '2026-12-10' }, [
      submission(1, { submittedAt: '2026-12-11T03:30:00.000Z' }),
    ]);
    expect(el.querySelector('.lead')?.textContent).toContain('Due Dec 10, 2026');
    // 03:30 UTC on Dec 11 is 10:30 PM on Dec 10 in New York.
    expect(el.querySelector('.review-layout .muted')?.textContent).toContain('Submitted Dec 10, 10:30 PM ET');
  });

  it('extends the due date for this student with a local day and a reason, and shows the extension', async () => {
    const { fixture, el, click, type } = await render(open);
    await click('Extend due date');
    const input = el.querySelector<HTMLInputElement>('#extend-due-on');
    // A week after the current due day, as a day of the career center.
    expect(input?.value).toBe('2026-12-17');
    expect(el.querySelector('#extend-due-on-hint')?.textContent).toContain('America/New_York');
    await type('#extend-due-on', '2026-12-01');
    await click('Extend due date');
    expect(el.querySelector('#extend-due-on-error')?.textContent).toContain('today or a later day');
    api.expectNone('/api/tasks/t1/extension');

    await type('#extend-due-on', '2026-12-12');
    await type('#extend-reason', 'Her interview moved to Friday.');
    await click('Extend due date');
    const req = api.expectOne('/api/tasks/t1/extension');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ dueOn: '2026-12-12', reason: 'Her interview moved to Friday.' });
    req.flush({
      ...open,
      dueAt: '2026-12-13T04:59:59.000Z',
      dueOn: '2026-12-12',
      extension: {
        originalDueAt: open.dueAt,
        originalDueOn: '2026-12-10',
        reason: 'Her interview moved to Friday.',
        grantedAt: '2026-12-08T15:00:00Z',
        grantedBy: { id: 'adv', name: 'Heather' },
      },
    });
    await fixture.whenStable();
    expect(el.querySelector('#task-actions-status')?.textContent).toContain('Sam Student now has until Dec 12 (end of day).');
    expect(el.querySelector('#review-extension')?.textContent?.trim()).toBe(
      'Extended to Dec 12 — was due Dec 10. Reason: Her interview moved to Friday.',
    );
    expect(el.querySelector('.lead')?.textContent).toContain('Due Dec 12, 2026');
  });

  it('excuses with a required reason, after a confirmation', async () => {
    const { fixture, el, click, type } = await render(open);
    await click('Excuse');
    await click('Excuse…');
    expect(el.querySelector('#excuse-reason-error')?.textContent).toContain('Give a reason');
    expect(el.querySelector('#excuse-reason')?.getAttribute('aria-invalid')).toBe('true');

    await type('#excuse-reason', 'Family emergency');
    await click('Excuse…');
    const confirm = el.querySelector('#excuse-confirm');
    expect(confirm?.getAttribute('role')).toBe('alertdialog');
    expect(confirm?.textContent).toContain('Excuse Sam Student from “Informational interview”?');
    api.expectNone('/api/tasks/t1/excuse');

    await click('Yes, excuse');
    const req = api.expectOne('/api/tasks/t1/excuse');
    expect(req.request.body).toEqual({ reason: 'Family emergency' });
    req.flush({ ...open, status: 'excused', excusedReason: 'Family emergency' });
    await fixture.whenStable();
    expect(el.querySelector('#review-excused')?.textContent).toContain('Excused: Family emergency');
    expect(el.querySelector('#task-actions-status')?.textContent).toContain('Sam Student is excused');
    // Nothing left to do on an excused task.
    expect([...el.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Excuse')).toBe(false);
  });

  it('shows the API\'s refusal next to the reason', async () => {
    const { fixture, el, click, type } = await render(open);
    await click('Excuse');
    await type('#excuse-reason', 'Moved');
    await click('Excuse…');
    await click('Yes, excuse');
    api.expectOne('/api/tasks/t1/excuse').flush(
      { statusCode: 409, error: 'Conflict', message: 'This task is already approved' },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    expect(el.querySelector('#task-actions-error')?.textContent).toContain('This task is already approved');
    expect(el.querySelector<HTMLTextAreaElement>('#excuse-reason')?.value).toBe('Moved');
  });
});
