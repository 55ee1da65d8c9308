import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Contact } from '@fieldwork/contracts';
import { ContactsService } from './contacts.service';
import { TasksService } from './tasks.service';

describe('student services', () => {
  let api: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(HttpTestingController);
  });

  afterEach(() => api.verify());

  it('TasksService calls the task endpoints', () => {
    const tasks = TestBed.inject(TasksService);

    tasks.list({ status: 'due_soon', cursor: 'c1', limit: 25 }).subscribe();
    const list = api.expectOne((r) => r.url === '/api/tasks');
    expect(list.request.params.get('status')).toBe('due_soon');
    expect(list.request.params.get('cursor')).toBe('c1');
    expect(list.request.params.get('limit')).toBe('25');
    list.flush({ items: [], nextCursor: null });

    tasks.list().subscribe();
    expect(api.expectOne('/api/tasks').request.params.keys()).toEqual([]);

    tasks.get('t/1').subscribe();
    api.expectOne('/api/tasks/t%2F1').flush({});

    tasks.saveDraft('t1', { answers: { a: 'x' }, contactId: null }).subscribe();
    const draft = api.expectOne('/api/tasks/t1/draft');
    expect(draft.request.method).toBe('PUT');
    expect(draft.request.body).toEqual({ answers: { a: 'x' }, contactId: null });
    draft.flush({});

    tasks.submit('t1', { answers: { a: 'x' } }).subscribe();
    const submit = api.expectOne('/api/tasks/t1/submissions');
    expect(submit.request.method).toBe('POST');
    submit.flush({});

    tasks.submissions('t1').subscribe();
    const history = api.expectOne('/api/tasks/t1/submissions');
    expect(history.request.method).toBe('GET');
    history.flush([]);
  });

  it('ContactsService calls the contact endpoints', () => {
    const contacts = TestBed.inject(ContactsService);

    contacts.list({ q: '  ada ', followUpDue: true, limit: 10 }).subscribe();
    const list = api.expectOne((r) => r.url === '/api/contacts');
    expect(list.request.params.get('q')).toBe('ada');
    expect(list.request.params.get('followUpDue')).toBe('true');
    list.flush({ items: [], nextCursor: null });

    contacts.create({ name: 'Ada' }).subscribe();
    const create = api.expectOne('/api/contacts');
    expect(create.request.method).toBe('POST');
    create.flush({});

    contacts.update('c1', { role: 'Grant writer' }).subscribe();
    expect(api.expectOne('/api/contacts/c1').request.method).toBe('PATCH');

    contacts.remove('c1').subscribe();
    const del = api.expectOne('/api/contacts/c1');
    expect(del.request.method).toBe('DELETE');
    del.flush(null, { status: 204, statusText: 'No Content' });

    contacts.interactions('c1').subscribe();
    api.expectOne('/api/contacts/c1/interactions').flush([]);

    contacts.logInteraction('c1', { kind: 'thank_you', occurredAt: '2026-03-03T12:00:00.000Z' }).subscribe();
    const log = api.expectOne('/api/contacts/c1/interactions');
    expect(log.request.method).toBe('POST');
    expect(log.request.body).toEqual({ kind: 'thank_you', occurredAt: '2026-03-03T12:00:00.000Z' });
  });

  it('ContactsService.listAll follows cursors', () => {
    const contacts = TestBed.inject(ContactsService);
    let all: Contact[] = [];
    contacts.listAll().subscribe((c) => (all = c));
    const first = api.expectOne((r) => r.url === '/api/contacts' && !r.params.has('cursor'));
    expect(first.request.params.get('limit')).toBe('200');
    first.flush({ items: [{ id: 'a' }], nextCursor: 'n2' });
    api.expectOne((r) => r.params.get('cursor') === 'n2').flush({ items: [{ id: 'b' }], nextCursor: null });
    expect(all.map((c) => c.id)).toEqual(['a', 'b']);
  });
});
