import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, Router, convertToParamMap } from '@angular/router';
import type { Gradebook, GradebookCell, GradebookStudent } from '@fieldwork/contracts';
import { BehaviorSubject } from 'rxjs';
import { setUpApiTest } from '../../shared/testing';
import { GradebookPage } from './gradebook-page';
import { addDays, defaultExtensionDay, extendDoneMessage, namesText, nudgedRecently } from './gradebook-text';

const A1 = { id: 'a1', title: 'Informational interview', category: 'gather-information' as const, dueOn: '2026-12-10', dueAt: '2026-12-11T04:59:59Z', dueDaysAfterJoin: null };
const A2 = { id: 'a2', title: 'Thank-you note', category: 'reciprocity' as const, dueOn: null, dueAt: null, dueDaysAfterJoin: 7 };

function cell(assignmentId: string, extra: Partial<GradebookCell> = {}): GradebookCell {
  return {
    assignmentId,
    taskId: `t-${assignmentId}-${Math.random().toString(36).slice(2, 8)}`,
    status: 'not_started',
    taskStatus: 'assigned',
    late: false,
    extended: false,
    submittedAt: null,
    dueAt: '2026-12-11T04:59:59Z',
    dueOn: '2026-12-10',
    lastNudgedAt: null,
    ...extra,
  };
}

function student(id: string, name: string, cells: GradebookCell[]): GradebookStudent {
  return { id, name, email: `${id}@demo.test`, studentId: `S-${id}`, cells };
}

function book(students: GradebookStudent[], extra: Partial<Gradebook> = {}): Gradebook {
  return {
    cohort: { id: 'c1', name: 'Fall 2026' },
    timezone: 'America/New_York',
    assignments: [A1, A2],
    students,
    totalStudents: students.length,
    nextCursor: null,
    ...extra,
  };
}

const SAM = () =>
  student('s1', 'Sam Lee', [
    cell('a1', { taskId: 'task-sam-1', status: 'approved', taskStatus: 'approved', late: true, submittedAt: '2026-12-12T10:00:00Z' }),
    cell('a2', { taskId: 'task-sam-2', status: 'overdue', extended: true, dueOn: '2026-12-14' }),
  ]);
const ANA = () => student('s2', 'Ana Ruiz', [cell('a1', { taskId: 'task-ana-1' })]);

describe('GradebookPage', () => {
  let api: HttpTestingController;
  let params: BehaviorSubject<ReturnType<typeof convertToParamMap>>;
  let query: BehaviorSubject<ReturnType<typeof convertToParamMap>>;
  let phone = false;

  beforeEach(() => {
    phone = false;
    Object.defineProperty(window, 'matchMedia', {
      configurable: true,
      value: (q: string) => ({ matches: phone && q.includes('600px'), addEventListener: jest.fn(), removeEventListener: jest.fn() }),
    });
    params = new BehaviorSubject(convertToParamMap({ id: 'c1' }));
    query = new BehaviorSubject(convertToParamMap({}));
    api = setUpApiTest(GradebookPage, {
      providers: [{ provide: ActivatedRoute, useValue: { paramMap: params, queryParamMap: query, snapshot: { queryParamMap: query.value } } }],
    });
  });

  afterEach(() => api.verify());

  function expectGradebook(): TestRequest {
    return api.expectOne((r) => r.url === '/api/cohorts/c1/gradebook');
  }

  async function render(first: Gradebook) {
    const fixture = TestBed.createComponent(GradebookPage);
    fixture.detectChanges();
    const request = expectGradebook();
    request.flush(first);
    fixture.detectChanges();
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement, request };
  }

  function check(el: HTMLElement, selector: string, on = true) {
    const box = el.querySelector(selector) as HTMLInputElement;
    box.checked = on;
    box.dispatchEvent(new Event('change'));
  }

  function click(el: Element | null) {
    (el as HTMLElement).click();
  }

  function buttonNamed(el: HTMLElement, text: string): HTMLButtonElement {
    const found = [...el.querySelectorAll('button')].find((b) => b.textContent?.trim().startsWith(text));
    if (!found) throw new Error(`No button "${text}"`);
    return found;
  }

  /** Presses the action button named `action` (students already ticked) and returns its dialog. */
  async function openAction(fixture: { detectChanges(): void; whenStable(): Promise<unknown> }, el: HTMLElement, action: string) {
    click(buttonNamed(el, action));
    fixture.detectChanges();
    await fixture.whenStable();
    return el.querySelector('dialog') as HTMLDialogElement;
  }

  /** Types `value` into the dialog's field `selector`. */
  function type(dialog: HTMLDialogElement, selector: string, value: string) {
    const field = dialog.querySelector(selector) as HTMLInputElement | HTMLTextAreaElement;
    field.value = value;
    field.dispatchEvent(new Event('input'));
  }

  it('shows students as rows and homework as columns, each cell a status in words linking to the task', async () => {
    const { el, request } = await render(book([SAM(), ANA()]));
    expect(request.request.params.get('limit')).toBe('100');
    const headers = [...el.querySelectorAll('thead th')].map((th) => th.textContent?.replace(/\s+/g, ' ').trim());
    expect(headers).toEqual(['Student', 'Informational interview, Due Dec 10', 'Thank-you note, Due 7 days after joining']);

    const samRow = [...el.querySelectorAll('tbody tr')][0];
    expect(samRow.querySelector('a[href="/students/s1"]')?.textContent).toBe('Sam Lee');
    const approved = samRow.querySelector('a[href="/reviews/task-sam-1?cohortId=c1"]');
    expect(approved?.textContent).toContain('Sam Lee, Informational interview:');
    expect(approved?.querySelector('.badge')?.textContent).toBe('Approved');
    expect(approved?.textContent).toContain('late');
    const overdue = samRow.querySelector('a[href="/reviews/task-sam-2?cohortId=c1"]');
    expect(overdue?.querySelector('.badge')?.textContent).toBe('Overdue');
    expect(overdue?.textContent).toContain('extended');
    expect(overdue?.textContent).toContain('due Dec 14');

    const anaCells = [...el.querySelectorAll('tbody tr')][1].querySelectorAll('td');
    expect(anaCells[0].querySelector('.badge')?.textContent).toBe('Not started');
    expect(anaCells[1].textContent).toContain('Not assigned');
    expect(el.querySelector('#gb-count')?.textContent).toContain('2 students');
    // No homework chosen: nothing to act on, so no checkboxes.
    expect(el.querySelector('input[type="checkbox"]')).toBeNull();
  });

  it('reads the filter from the URL and writes changes back there', async () => {
    query.next(convertToParamMap({ assignment: 'a1', status: 'not_started', q: 'ana' }));
    const { fixture, el, request } = await render(book([ANA()], { totalStudents: 1 }));
    expect(request.request.params.get('assignmentId')).toBe('a1');
    expect(request.request.params.get('status')).toBe('not_started');
    expect(request.request.params.get('q')).toBe('ana');
    expect((el.querySelector('#gb-assignment') as HTMLSelectElement).value).toBe('a1');
    expect((el.querySelector('#gb-status-filter') as HTMLSelectElement).value).toBe('not_started');
    expect(el.querySelector('#gb-count')?.textContent).toContain('1 student haven’t started “Informational interview” matching “ana”');

    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const status = el.querySelector('#gb-status-filter') as HTMLSelectElement;
    status.value = 'overdue';
    status.dispatchEvent(new Event('change'));
    expect(navigate).toHaveBeenLastCalledWith([], expect.objectContaining({ queryParams: { assignment: 'a1', status: 'overdue', q: 'ana' } }));

    const assignment = el.querySelector('#gb-assignment') as HTMLSelectElement;
    assignment.value = '';
    assignment.dispatchEvent(new Event('change'));
    expect(navigate).toHaveBeenLastCalledWith([], expect.objectContaining({ queryParams: { assignment: null, status: null, q: 'ana' } }));

    (el.querySelector('#gb-search') as HTMLInputElement).value = '  Sam ';
    el.querySelector('form[role="search"]')?.dispatchEvent(new Event('submit'));
    expect(navigate).toHaveBeenLastCalledWith([], expect.objectContaining({ queryParams: { assignment: 'a1', status: 'not_started', q: 'Sam' } }));

    // The URL changed: the grid reloads with the new filter.
    query.next(convertToParamMap({ assignment: 'a1', status: 'overdue' }));
    fixture.detectChanges();
    const again = expectGradebook();
    expect(again.request.params.get('status')).toBe('overdue');
    expect(again.request.params.has('q')).toBe(false);
    again.flush(book([]));
  });

  it('pages with "Load more" and the next cursor, keeping the rows already shown', async () => {
    const { fixture, el } = await render(book([SAM()], { totalStudents: 2, nextCursor: 'cursor-2' }));
    expect(el.querySelector('#gb-count')?.textContent).toContain('Showing 1.');
    click(buttonNamed(el, 'Load more students'));
    const next = expectGradebook();
    expect(next.request.params.get('cursor')).toBe('cursor-2');
    next.flush(book([ANA()], { totalStudents: 2, nextCursor: null }));
    fixture.detectChanges();
    expect([...el.querySelectorAll('tbody th[scope="row"] a')].map((a) => a.textContent)).toEqual(['Sam Lee', 'Ana Ruiz']);
    expect([...el.querySelectorAll('button')].some((b) => b.textContent?.includes('Load more'))).toBe(false);
  });

  it('asks before nudging a student nudged in the last 24 hours, then resends with allowRepeat', async () => {
    query.next(convertToParamMap({ assignment: 'a1' }));
    const recent = new Date(Date.now() - 2 * 3600_000).toISOString();
    const ana = student('s2', 'Ana Ruiz', [cell('a1', { taskId: 'task-ana-1', lastNudgedAt: recent })]);
    const { fixture, el } = await render(book([ana, student('s3', 'Bo Chen', [cell('a1')])]));

    check(el, '#gb-all');
    fixture.detectChanges();
    expect(el.querySelector('#gb-actions-label')?.textContent).toContain('2 chosen');
    const dialog = await openAction(fixture, el, 'Nudge');
    expect(dialog.hasAttribute('open')).toBe(true);
    const message = dialog.querySelector('#gb-nudge-message') as HTMLTextAreaElement;
    expect(message.value).toContain('Informational interview');
    expect(dialog.textContent).toMatch(new RegExp(`${message.value.length} / 2,000 characters`));
    dialog.querySelector('form')?.dispatchEvent(new Event('submit'));
    fixture.detectChanges();
    expect(dialog.textContent).toContain('Ana Ruiz was already nudged about “Informational interview” in the last 24 hours');
    api.expectNone('/api/cohorts/c1/nudges');

    click(buttonNamed(el, 'Send again'));
    const post = api.expectOne('/api/cohorts/c1/nudges');
    expect(post.request.body).toEqual({ assignmentId: 'a1', studentIds: ['s2', 's3'], message: message.value.trim(), allowRepeat: true });
    post.flush({ id: 'n1', recipients: 2 });
    fixture.detectChanges();
    expectGradebook().flush(book([ana]));
    fixture.detectChanges();
    expect(el.querySelector('dialog')).toBeNull();
    expect(el.querySelector('#gb-status')?.textContent).toContain('Nudged 2 students about “Informational interview”.');
  });

  it('asks again when the API answers 409 recently_nudged, and refuses an empty message', async () => {
    query.next(convertToParamMap({ assignment: 'a1', status: 'not_started' }));
    const { fixture, el } = await render(book([ANA()]));
    check(el, '#gb-pick-s2');
    fixture.detectChanges();
    const dialog = await openAction(fixture, el, 'Nudge');
    const message = dialog.querySelector('#gb-nudge-message') as HTMLTextAreaElement;

    type(dialog, '#gb-nudge-message', '   ');
    dialog.querySelector('form')?.dispatchEvent(new Event('submit'));
    fixture.detectChanges();
    expect(message.getAttribute('aria-invalid')).toBe('true');
    expect(dialog.textContent).toContain('Write a message');
    api.expectNone('/api/cohorts/c1/nudges');

    type(dialog, '#gb-nudge-message', 'Your interview is due Thursday.');
    dialog.querySelector('form')?.dispatchEvent(new Event('submit'));
    const first = api.expectOne('/api/cohorts/c1/nudges');
    expect(first.request.body).toEqual({ assignmentId: 'a1', studentIds: ['s2'], message: 'Your interview is due Thursday.' });
    first.flush(
      { code: 'recently_nudged', message: 'Already nudged in the last 24 hours', students: [{ id: 's2', name: 'Ana Ruiz' }] },
      { status: 409, statusText: 'Conflict' },
    );
    fixture.detectChanges();
    expect(dialog.textContent).toContain('Ana Ruiz was already nudged');
    click(buttonNamed(el, 'Send again'));
    const second = api.expectOne('/api/cohorts/c1/nudges');
    expect(second.request.body.allowRepeat).toBe(true);
    second.flush({ id: 'n2', recipients: 1 });
    fixture.detectChanges();
    expectGradebook().flush(book([]));
    fixture.detectChanges();
    expect(el.querySelector('#gb-status')?.textContent).toContain('Nudged 1 student about');
  });

  it('extends one student through the task API and excuses in bulk with a required reason', async () => {
    query.next(convertToParamMap({ assignment: 'a1' }));
    const { fixture, el } = await render(book([ANA(), student('s3', 'Bo Chen', [cell('a1', { taskId: 'task-bo-1' })])]));
    check(el, '#gb-pick-s2');
    fixture.detectChanges();
    let dialog = await openAction(fixture, el, 'Extend due date');
    const date = dialog.querySelector('#gb-extend-date') as HTMLInputElement;
    expect(date.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    type(dialog, '#gb-extend-date', '2099-12-12');
    type(dialog, '#gb-extend-reason', 'Family emergency ');
    dialog.querySelector('form')?.dispatchEvent(new Event('submit'));
    const extend = api.expectOne('/api/tasks/task-ana-1/extension');
    expect(extend.request.body).toEqual({ dueOn: '2099-12-12', reason: 'Family emergency' });
    extend.flush({});
    fixture.detectChanges();
    expectGradebook().flush(book([ANA(), student('s3', 'Bo Chen', [cell('a1', { taskId: 'task-bo-1' })])]));
    fixture.detectChanges();
    expect(el.querySelector('#gb-status')?.textContent).toContain('Extended 1 student’s due date for “Informational interview” to Dec 12, 2099.');

    check(el, '#gb-all');
    fixture.detectChanges();
    dialog = await openAction(fixture, el, 'Excuse');
    dialog.querySelector('form')?.dispatchEvent(new Event('submit'));
    fixture.detectChanges();
    expect(dialog.querySelector('#gb-excuse-reason')?.getAttribute('aria-invalid')).toBe('true');
    expect(dialog.textContent).toContain('Give a reason');
    api.expectNone('/api/cohorts/c1/excusals');
    type(dialog, '#gb-excuse-reason', 'Medical leave');
    dialog.querySelector('form')?.dispatchEvent(new Event('submit'));
    const excuse = api.expectOne('/api/cohorts/c1/excusals');
    expect(excuse.request.body).toEqual({ assignmentId: 'a1', studentIds: ['s2', 's3'], reason: 'Medical leave' });
    excuse.flush({ count: 2 });
    fixture.detectChanges();
    expectGradebook().flush(book([]));
    fixture.detectChanges();
    expect(el.querySelector('#gb-status')?.textContent).toContain('Excused 2 students from “Informational interview”.');
  });

  it('shows a per-student list on a phone', async () => {
    phone = true;
    query.next(convertToParamMap({ assignment: 'a2' }));
    const { el } = await render(book([SAM(), ANA()]));
    expect(el.querySelector('table')).toBeNull();
    const items = [...el.querySelectorAll('.gb-list__student')];
    expect(items).toHaveLength(2);
    expect(items[0].querySelector('a[href="/students/s1"]')?.textContent).toBe('Sam Lee');
    // Filtered to one homework: only its cell, with the student's own (extended) due day.
    const cells = items[0].querySelectorAll('.gb-list__cell');
    expect(cells).toHaveLength(1);
    expect(cells[0].getAttribute('href')).toBe('/reviews/task-sam-2?cohortId=c1');
    expect(cells[0].textContent).toContain('Due Dec 14');
    expect(cells[0].textContent).toContain('Overdue');
    expect(items[0].querySelector('label')?.textContent).toContain('Choose Sam Lee');
    // Ana has no task for it: nothing to choose.
    expect(items[1].querySelector('input[type="checkbox"]')).toBeNull();
  });

  it('says when the cohort is not one of yours', async () => {
    const fixture = TestBed.createComponent(GradebookPage);
    fixture.detectChanges();
    expectGradebook().flush({ statusCode: 404, message: 'Cohort not found' }, { status: 404, statusText: 'Not Found' });
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).querySelector('[role="alert"]')?.textContent).toContain('not one of yours');
  });
});

describe('gradebook text', () => {
  it('counts 24 hours for a recent nudge', () => {
    const now = new Date('2026-12-10T12:00:00Z');
    expect(nudgedRecently('2026-12-09T12:00:01Z', now)).toBe(true);
    expect(nudgedRecently('2026-12-09T11:59:59Z', now)).toBe(false);
    expect(nudgedRecently(null, now)).toBe(false);
  });

  it('defaults an extension to a few days after the latest due day, or after today when that has passed', () => {
    expect(defaultExtensionDay(['2026-12-10', '2026-12-08'], '2026-12-01')).toBe('2026-12-13');
    expect(defaultExtensionDay(['2026-11-10'], '2026-12-01')).toBe('2026-12-04');
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
  });

  it('writes the outcome in words', () => {
    expect(extendDoneMessage(3, '2099-12-12', 'Coffee chat')).toBe('Extended 3 students’ due dates for “Coffee chat” to Dec 12, 2099.');
    expect(namesText(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, C and 2 others');
    expect(namesText(['A', 'B'])).toBe('A and B');
  });
});
