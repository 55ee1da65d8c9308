import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, Router, convertToParamMap, provideRouter } from '@angular/router';
import type { Submission, TaskDetail } from '@fieldwork/contracts';
import { FlashService } from '@fieldwork/web-core';
import { BehaviorSubject } from 'rxjs';
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

describe('ReviewPage', () => {
  let api: HttpTestingController;
  let navigate: jest.SpyInstance;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ReviewPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: ActivatedRoute,
          useValue: {
            paramMap: new BehaviorSubject(convertToParamMap({ taskId: 't1' })),
            snapshot: { queryParamMap: convertToParamMap({ cohortId: 'c1' }) },
          },
        },
      ],
    });
    api = TestBed.inject(HttpTestingController);
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
