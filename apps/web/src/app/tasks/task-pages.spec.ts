import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Submission, TaskDetail, TaskSummary } from '@fieldwork/contracts';
import { AuthService } from '@fieldwork/web-core';
import { demoUser, setUpApiTest, signInAs } from '../shared/testing';
import { taskDetailFixture, taskSummaryFixture } from './task-fixtures';
import { TaskListPage } from './task-list-page';
import { tasksRoutes } from './tasks.routes';

/** The student's task routes under /tasks, with the HTTP testing backend. */
const setUpTaskRoutes = () => setUpApiTest(TaskListPage, { providers: [provideRouter([{ path: 'tasks', children: tasksRoutes }])] });

function summary(n: number, extra: Partial<TaskSummary> = {}): TaskSummary {
  return taskSummaryFixture({
    id: `t${n}`,
    title: `Task ${n}`,
    dueAt: new Date(Date.now() + 2 * 86400000).toISOString(),
    dueOn: new Date(Date.now() + 2 * 86400000).toISOString().slice(0, 10),
    ...extra,
  });
}

function detail(extra: Partial<TaskDetail> = {}): TaskDetail {
  return taskDetailFixture({
    ...summary(1),
    instructions: 'Find **one person** in your chosen field.',
    prompts: [{ key: 'learned', label: 'What did you learn?', type: 'long_text', required: true }],
    contactRequired: true,
    rubric: [
      { key: 'depth', label: 'Depth', levels: [{ label: 'Thin', points: 1 }, { label: 'Rich', points: 3 }] },
    ],
    ...extra,
  });
}

function submission(extra: Partial<Submission> = {}): Submission {
  return {
    id: 'sub1',
    version: 1,
    answers: { learned: 'Grant writers talk shop.' },
    contact: { id: 'c1', name: 'Ada Lovelace', organization: 'Net Impact' },
    evidence: null,
    submittedAt: '2026-02-20T10:00:00.000Z',
    late: false,
    review: {
      id: 'r1',
      decision: 'revise',
      comment: 'Tell me more about the culture.',
      rubricScores: { depth: 1 },
      totalPoints: 1,
      reviewer: { id: 'adv', name: 'Heather' },
      createdAt: '2026-02-21T10:00:00.000Z',
    },
    ...extra,
  };
}

describe('student task pages', () => {
  let api: HttpTestingController;

  beforeEach(() => {
    api = setUpTaskRoutes();
  });

  afterEach(() => api.verify());

  it('lists open tasks with badges and due dates, filters and loads more', async () => {
    const harness = await RouterTestingHarness.create('/tasks');
    const el = harness.routeNativeElement as HTMLElement;
    const first = api.expectOne((r) => r.url === '/api/tasks');
    expect(first.request.params.has('status')).toBe(false);
    first.flush({ items: [summary(1, { dueSoon: true }), summary(2, { status: 'in_progress' })], nextCursor: 'c2' });
    await harness.fixture.whenStable();

    const items = [...el.querySelectorAll('.task')];
    expect(items.length).toBe(2);
    expect(items[0].querySelector('a')?.getAttribute('href')).toBe('/tasks/t1');
    expect([...items[0].querySelectorAll('.badge')].map((b) => b.textContent?.trim())).toEqual(['To do', 'Due soon']);
    expect(items[0].textContent).toContain('Gathering information');
    expect(items[0].textContent).toMatch(/due in 2 days · \w{3} \d+/);

    [...el.querySelectorAll('button')].find((b) => b.textContent?.includes('Load more'))?.click();
    const more = api.expectOne((r) => r.url === '/api/tasks' && r.params.get('cursor') === 'c2');
    // "All open" keeps the open work only.
    more.flush({ items: [summary(3), summary(4, { status: 'approved' })], nextCursor: null });
    await harness.fixture.whenStable();
    expect(el.querySelectorAll('.task').length).toBe(3);
    expect([...el.querySelectorAll('button')].some((b) => b.textContent?.includes('Load more'))).toBe(false);

    const overdue = [...el.querySelectorAll<HTMLButtonElement>('.filter-chip')].find((b) => b.textContent?.trim() === 'Overdue');
    overdue?.click();
    const filtered = api.expectOne((r) => r.url === '/api/tasks');
    expect(filtered.request.params.get('status')).toBe('overdue');
    filtered.flush({ items: [], nextCursor: null });
    await harness.fixture.whenStable();
    expect(overdue?.getAttribute('aria-pressed')).toBe('true');
    expect(el.textContent).toContain('Nothing overdue');
  });

  it('goes on to the next page when a page holds no open work', async () => {
    const harness = await RouterTestingHarness.create('/tasks');
    const el = harness.routeNativeElement as HTMLElement;
    api.expectOne((r) => r.url === '/api/tasks').flush({ items: [summary(1, { status: 'approved' })], nextCursor: 'c2' });
    api.expectOne((r) => r.params.get('cursor') === 'c2').flush({ items: [summary(2)], nextCursor: null });
    await harness.fixture.whenStable();
    expect([...el.querySelectorAll('.task h2')].map((h) => h.textContent?.trim())).toEqual(['Task 2']);
  });

  it('shows a task needing revision with the advisor’s feedback above the form and the history', async () => {
    const harness = await RouterTestingHarness.create('/tasks/t1');
    const el = harness.routeNativeElement as HTMLElement;
    api.expectOne('/api/tasks/t1').flush(detail({ status: 'revision_requested' }));
    api.expectOne('/api/tasks/t1/submissions').flush([submission()]);
    await harness.fixture.whenStable();
    api.expectOne((r) => r.url === '/api/contacts').flush({ items: [], nextCursor: null });
    await harness.fixture.whenStable();

    expect(el.querySelector('h1')?.textContent).toBe('Task 1');
    expect(el.querySelector('fw-markdown strong')?.textContent).toBe('one person');
    const revision = el.querySelector('#revision-heading')?.closest('section');
    expect(revision?.textContent).toContain('Your advisor asked for a revision');
    expect(revision?.textContent).toContain('Tell me more about the culture.');
    // The revision starts from the last version.
    expect(el.querySelector<HTMLTextAreaElement>('#rf-learned')?.value).toBe('Grant writers talk shop.');
    expect(el.querySelector('button[type=submit]')?.textContent?.trim()).toBe('Submit revision');
    const history = el.querySelector('app-submission-history');
    expect(history?.textContent).toContain('Version 1');
    expect(history?.textContent).toContain('Ada Lovelace, Net Impact');
    expect(history?.textContent).toContain('Thin');
    expect(history?.textContent).toContain('Total: 1 / 3 points');
  });

  it('shows a submitted task read-only', async () => {
    const harness = await RouterTestingHarness.create('/tasks/t1');
    const el = harness.routeNativeElement as HTMLElement;
    api.expectOne('/api/tasks/t1').flush(detail({ status: 'submitted', submittedAt: '2026-02-20T10:00:00.000Z' }));
    api.expectOne('/api/tasks/t1/submissions').flush([submission({ review: null })]);
    await harness.fixture.whenStable();
    expect(el.querySelector('form')).toBeNull();
    expect(el.textContent).toContain('waiting for your advisor’s review');
    expect(el.textContent).toContain('Grant writers talk shop.');
  });

  it('says when the task does not exist', async () => {
    const harness = await RouterTestingHarness.create('/tasks/nope');
    api.expectOne('/api/tasks/nope').flush({ statusCode: 404, message: 'Not found' }, { status: 404, statusText: 'Not Found' });
    expect(api.expectOne('/api/tasks/nope/submissions').cancelled).toBe(true);
    await harness.fixture.whenStable();
    expect((harness.routeNativeElement as HTMLElement).querySelector('h1')?.textContent).toBe('Task not found');
  });

  it('says the homework was archived when the API answers 410 (a notification opened after the advisor archived it)', async () => {
    const harness = await RouterTestingHarness.create('/tasks/t9');
    api
      .expectOne('/api/tasks/t9')
      .flush(
        { statusCode: 410, error: 'Gone', message: 'This homework was archived by your advisor; there is nothing more to do.' },
        { status: 410, statusText: 'Gone' },
      );
    expect(api.expectOne('/api/tasks/t9/submissions').cancelled).toBe(true);
    await harness.fixture.whenStable();
    const el = harness.routeNativeElement as HTMLElement;
    expect(el.querySelector('h1')?.textContent).toBe('This homework was archived');
    expect(el.querySelector('[role=status]')?.textContent?.trim()).toBe('This homework was archived by your advisor; there is nothing more to do.');
    expect(el.textContent).not.toContain('Task not found');
    expect(el.textContent).not.toContain('Try again');
    expect(el.querySelector('a[href="/tasks"]')).not.toBeNull();
  });
});

describe('task pages in the career center\'s time zone', () => {
  let api: HttpTestingController;
  const student = demoUser('student');
  // The end of Dec 10 in New York: already Dec 11 in London, where this browser is.
  const dueDec10 = '2026-12-11T04:59:59.000Z';

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-12-08T15:00:00Z'), doNotFake: ['queueMicrotask', 'setTimeout', 'setInterval', 'nextTick', 'setImmediate'] });
    const real = Intl.DateTimeFormat.prototype.resolvedOptions;
    jest.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockImplementation(function (this: Intl.DateTimeFormat) {
      return { ...real.call(this), timeZone: 'Europe/London' };
    });
    api = setUpTaskRoutes();
    signInAs(api, student);
  });

  afterEach(() => {
    TestBed.inject(AuthService).clearSession();
    api.verify();
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  async function openTask(task: TaskDetail) {
    const harness = await RouterTestingHarness.create('/tasks/t1');
    api.expectOne('/api/tasks/t1').flush(task);
    api.expectOne('/api/tasks/t1/submissions').flush([]);
    await harness.fixture.whenStable();
    api.match((r) => r.url === '/api/contacts').forEach((r) => r.flush({ items: [], nextCursor: null }));
    await harness.fixture.whenStable();
    return harness.routeNativeElement as HTMLElement;
  }

  it('counts local days in New York and names the zone for a browser in London', async () => {
    const el = await openTask(detail({ dueAt: dueDec10, dueOn: '2026-12-10' }));
    expect(el.querySelector('.meta')?.textContent).toContain('due in 2 days · Dec 10, 11:59 PM ET');
  });

  it('shows an extension with the date it replaced and its reason', async () => {
    const el = await openTask(
      detail({
        dueAt: '2026-12-13T04:59:59.000Z',
        dueOn: '2026-12-12',
        extension: {
          originalDueAt: dueDec10,
          originalDueOn: '2026-12-10',
          reason: 'Her interview moved to Friday.',
          grantedAt: '2026-12-08T14:00:00Z',
          grantedBy: { id: 'adv', name: 'Heather' },
        },
      }),
    );
    expect(el.querySelector('#task-extension')?.textContent?.trim()).toBe(
      'Extended to Dec 12 — was due Dec 10. Reason: Her interview moved to Friday.',
    );
    expect(el.querySelector('.meta')?.textContent).toContain('due in 4 days · Dec 12, 11:59 PM ET');
  });

  it('shows the excused state with the advisor\'s reason, and no form', async () => {
    const el = await openTask(detail({ status: 'excused', excusedReason: 'Family emergency', dueAt: dueDec10, dueOn: '2026-12-10' }));
    expect(el.querySelector('#task-excused')?.textContent).toContain('Excused by your advisor: Family emergency');
    expect(el.querySelector('form')).toBeNull();
    expect(el.querySelector('#task-extension')).toBeNull();
  });

  it('words the task list in New York days too', async () => {
    const harness = await RouterTestingHarness.create('/tasks');
    api.expectOne((r) => r.url === '/api/tasks').flush({
      items: [
        summary(1, { dueAt: dueDec10, dueOn: '2026-12-10' }),
        summary(2, { status: 'excused', excusedReason: 'Moved cohorts', dueAt: dueDec10, dueOn: '2026-12-10' }),
      ],
      nextCursor: null,
    });
    await harness.fixture.whenStable();
    const el = harness.routeNativeElement as HTMLElement;
    const items = [...el.querySelectorAll('.task')];
    // "All open" leaves the excused task out.
    expect(items.length).toBe(1);
    expect(items[0].textContent).toContain('due in 2 days · Dec 10, 11:59 PM ET');
  });
});
