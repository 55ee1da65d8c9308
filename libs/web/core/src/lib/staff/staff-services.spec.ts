import { HttpEventType, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { RosterImportReport } from '@fieldwork/contracts';
import { AssignmentsService } from './assignments.service';
import { CohortsService } from './cohorts.service';
import { ReviewsService } from './reviews.service';
import { RosterService, RosterUploadEvent, rosterExampleCsv, rosterFileProblem } from './roster.service';
import { TemplatesService } from './templates.service';

describe('staff services', () => {
  let api: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(HttpTestingController);
  });

  afterEach(() => api.verify());

  it('cohorts: lists live cohorts by default, creates, updates and manages members', () => {
    const cohorts = TestBed.inject(CohortsService);
    cohorts.list().subscribe();
    const list = api.expectOne((r) => r.url === '/api/cohorts');
    expect(list.request.params.get('archived')).toBe('false');
    list.flush({ items: [], nextCursor: null });

    cohorts.list({ archived: 'all', cursor: 'c2' }).subscribe();
    const all = api.expectOne((r) => r.url === '/api/cohorts');
    expect(all.request.params.has('archived')).toBe(false);
    expect(all.request.params.get('cursor')).toBe('c2');
    all.flush({ items: [], nextCursor: null });

    cohorts.create({ name: '  Fall 2026 ', startsOn: '', endsOn: '2026-12-15' }).subscribe();
    const create = api.expectOne('/api/cohorts');
    expect(create.request.method).toBe('POST');
    expect(create.request.body).toEqual({ name: 'Fall 2026', startsOn: null, endsOn: '2026-12-15' });
    create.flush({});

    cohorts.update('a/b', { name: ' X ', startsOn: '' }).subscribe();
    const patch = api.expectOne('/api/cohorts/a%2Fb');
    expect(patch.request.body).toEqual({ name: 'X', startsOn: null });
    patch.flush({});

    cohorts.addMembers('c1', { userIds: ['u1'], role: 'student' }).subscribe();
    api.expectOne({ method: 'POST', url: '/api/cohorts/c1/members' }).flush({ added: 1, tasksCreated: 2 });

    let removed = false;
    cohorts.removeMember('c1', 'u1').subscribe(() => (removed = true));
    api.expectOne({ method: 'DELETE', url: '/api/cohorts/c1/members/u1' }).flush(null, { status: 204, statusText: 'No Content' });
    expect(removed).toBe(true);
  });

  it('templates: follows cursors to list the whole library', () => {
    const templates = TestBed.inject(TemplatesService);
    let count = 0;
    templates.listAll({ category: 'way-in' }).subscribe((all) => (count = all.length));
    const first = api.expectOne((r) => r.url === '/api/templates' && !r.params.has('cursor'));
    expect(first.request.params.get('category')).toBe('way-in');
    expect(first.request.params.get('archived')).toBe('false');
    first.flush({ items: [{ id: 't1' }, { id: 't2' }], nextCursor: 'n' });
    api.expectOne((r) => r.url === '/api/templates' && r.params.get('cursor') === 'n').flush({ items: [{ id: 't3' }], nextCursor: null });
    expect(count).toBe(3);
  });

  it('assignments and reviews use the documented URLs', () => {
    const assignments = TestBed.inject(AssignmentsService);
    assignments.list({ cohortId: 'c1' }).subscribe();
    const list = api.expectOne((r) => r.url === '/api/assignments');
    expect(list.request.params.get('cohortId')).toBe('c1');
    list.flush({ items: [], nextCursor: null });
    assignments.update('a1', { archived: true }).subscribe();
    expect(api.expectOne('/api/assignments/a1').request.method).toBe('PATCH');

    const reviews = TestBed.inject(ReviewsService);
    reviews.queue({ cohortId: '' }).subscribe();
    const queue = api.expectOne((r) => r.url === '/api/reviews/queue');
    expect(queue.request.params.keys()).toEqual([]);
    queue.flush({ items: [], nextCursor: null });

    reviews.review('t1', { decision: 'approve', comment: '  ', rubricScores: {} }).subscribe();
    expect(api.expectOne('/api/tasks/t1/reviews').request.body).toEqual({ decision: 'approve' });
    reviews.review('t1', { decision: 'revise', comment: ' More detail ', rubricScores: { insight: 2 } }).subscribe();
    expect(api.expectOne('/api/tasks/t1/reviews').request.body).toEqual({
      decision: 'revise',
      comment: 'More detail',
      rubricScores: { insight: 2 },
    });
    reviews.submissions('t1').subscribe();
    api.expectOne('/api/tasks/t1/submissions').flush([]);
  });
});

describe('roster import', () => {
  let api: HttpTestingController;
  const report = (ok: boolean): RosterImportReport => ({
    dryRun: false,
    ok,
    rows: 2,
    errors: ok ? [] : [{ line: 3, email: 'bad', problems: ['bad email'] }],
    created: { students: ok ? 2 : 0, cohorts: 0, memberships: ok ? 2 : 0 },
    removeMissing: false,
    counts: { added: ok ? 2 : 0, updated: 0, unchanged: 0, error: ok ? 0 : 1, removed: 0 },
    outcomes: [],
    removals: [],
  });

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(HttpTestingController);
  });

  afterEach(() => api.verify());

  it('uploads the file as multipart "file" with progress, then the report', () => {
    const events: RosterUploadEvent[] = [];
    const file = new File(['email,name,student_id,cohort\n'], 'roster.csv', { type: 'text/csv' });
    TestBed.inject(RosterService).upload(file, true).subscribe((e) => events.push(e));
    const req = api.expectOne((r) => r.url === '/api/rosters/import');
    expect(req.request.params.get('dryRun')).toBe('true');
    expect(req.request.reportProgress).toBe(true);
    expect((req.request.body as FormData).get('file')).toBeInstanceOf(File);
    req.event({ type: HttpEventType.UploadProgress, loaded: 5, total: 10 });
    req.flush(report(true));
    expect(events).toEqual([
      { type: 'progress', loaded: 5, total: 10 },
      { type: 'done', report: report(true) },
    ]);
  });

  it('turns a 400 with a report into the report, and other errors into errors', () => {
    const file = new File(['x'], 'roster.csv');
    const events: RosterUploadEvent[] = [];
    TestBed.inject(RosterService).upload(file, false).subscribe((e) => events.push(e));
    api
      .expectOne((r) => r.url === '/api/rosters/import')
      .flush({ statusCode: 400, error: 'Bad Request', message: 'Roster has errors', report: report(false) }, { status: 400, statusText: 'Bad Request' });
    expect(events).toEqual([{ type: 'done', report: report(false) }]);

    let failed = false;
    TestBed.inject(RosterService).upload(file, false).subscribe({ error: () => (failed = true) });
    api
      .expectOne((r) => r.url === '/api/rosters/import')
      .flush({ statusCode: 400, error: 'Bad Request', message: 'File is required' }, { status: 400, statusText: 'Bad Request' });
    expect(failed).toBe(true);
  });

  it('offers a valid example and checks the file before sending', () => {
    const lines = rosterExampleCsv().trim().split('\r\n');
    expect(lines[0]).toBe('email,name,student_id,cohort');
    expect(lines.length).toBe(4);
    expect(rosterFileProblem(null)).toBe('Choose a CSV file first.');
    expect(rosterFileProblem({ name: 'r.csv', size: 0, type: 'text/csv' })).toBe('That file is empty.');
    expect(rosterFileProblem({ name: 'r.xlsx', size: 10, type: 'application/vnd.ms-excel' })).toContain('.csv');
    expect(rosterFileProblem({ name: 'r.CSV', size: 10, type: '' })).toBeNull();
  });
});
