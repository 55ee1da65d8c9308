import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Contact, Interaction } from '@fieldwork/contracts';
import { parseTags } from './contact-form';
import { networkRoutes } from './network.routes';
import { CONTACT_SEARCH_DEBOUNCE_MS } from './network-page';

function contact(n: number, extra: Partial<Contact> = {}): Contact {
  return {
    id: `c${n}`,
    name: `Person ${n}`,
    organization: 'Net Impact',
    role: 'Program manager',
    sector: 'Nonprofit',
    howMet: null,
    email: null,
    linkedinUrl: null,
    tags: [],
    notes: null,
    followUpEveryDays: 30,
    sharedWithAdvisors: false,
    lastInteractionAt: null,
    nextFollowUpAt: null,
    followUpDue: false,
    interactionCount: 0,
    createdAt: '2026-02-01T00:00:00.000Z',
    updatedAt: '2026-02-01T00:00:00.000Z',
    ...extra,
  };
}

function interaction(extra: Partial<Interaction> = {}): Interaction {
  return {
    id: 'i1',
    contactId: 'c1',
    kind: 'informational_interview',
    occurredAt: '2026-02-20T12:00:00.000Z',
    notes: 'Talked about grant writing.',
    taskId: null,
    fromHomework: null,
    createdAt: '2026-02-20T12:00:00.000Z',
    ...extra,
  };
}

describe('student network pages', () => {
  let api: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'network', children: networkRoutes }]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    api = TestBed.inject(HttpTestingController);
  });

  afterEach(() => api.verify());

  const setValue = (el: HTMLElement, selector: string, value: string, event = 'input') => {
    const input = el.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(selector);
    if (!input) throw new Error(`no ${selector}`);
    input.value = value;
    input.dispatchEvent(new Event(event));
  };

  it('parses tags', () => {
    expect(parseTags(' alumni, grant writing ,, Alumni,')).toEqual(['alumni', 'grant writing']);
  });

  it('lists contacts, searches with a debounce and filters follow-ups due', async () => {
    const harness = await RouterTestingHarness.create('/network');
    const el = harness.routeNativeElement as HTMLElement;
    api.expectOne((r) => r.url === '/api/contacts').flush({
      items: [contact(1, { followUpDue: true, nextFollowUpAt: '2026-02-25T12:00:00.000Z' }), contact(2)],
      nextCursor: null,
    });
    await harness.fixture.whenStable();
    const rows = [...el.querySelectorAll('tbody tr')];
    expect(rows.length).toBe(2);
    expect(rows[0].textContent).toContain('Program manager at Net Impact');
    expect(rows[0].querySelector('.badge')?.textContent).toBe('Follow up due');
    expect(rows[0].querySelector('a')?.getAttribute('href')).toBe('/network/c1');

    for (const text of ['g', 'gr', 'gra']) setValue(el, '#network-search', text);
    api.expectNone((r) => r.url === '/api/contacts');
    await new Promise((resolve) => setTimeout(resolve, CONTACT_SEARCH_DEBOUNCE_MS + 50));
    const searched = api.expectOne((r) => r.url === '/api/contacts');
    expect(searched.request.params.get('q')).toBe('gra');
    searched.flush({ items: [], nextCursor: null });

    const due = el.querySelector<HTMLInputElement>('#network-due');
    if (!due) throw new Error('no filter');
    due.checked = true;
    due.dispatchEvent(new Event('change'));
    const filtered = api.expectOne((r) => r.url === '/api/contacts');
    expect(filtered.request.params.get('followUpDue')).toBe('true');
    expect(filtered.request.params.get('q')).toBe('gra');
    filtered.flush({ items: [], nextCursor: null });
    await harness.fixture.whenStable();
    expect(el.textContent).toContain('No contacts match');
  });

  it('shows the empty state and adds a contact', async () => {
    const harness = await RouterTestingHarness.create('/network');
    const el = harness.routeNativeElement as HTMLElement;
    api.expectOne((r) => r.url === '/api/contacts').flush({ items: [], nextCursor: null });
    await harness.fixture.whenStable();
    expect(el.textContent).toContain('care and feeding of your network');

    el.querySelector<HTMLButtonElement>('#add-contact-button')?.click();
    await harness.fixture.whenStable();
    const form = el.querySelector<HTMLFormElement>('#add-contact form');
    if (!form) throw new Error('no form');
    expect(form.textContent).toContain('Unshared contacts are private');
    form.dispatchEvent(new Event('submit'));
    await harness.fixture.whenStable();
    expect(form.querySelector('.field-error')?.textContent).toBe('Enter their name.');

    const inputs = form.querySelectorAll<HTMLInputElement>('input[type=text], input[type=email], input[type=url]');
    const byLabel = (label: string) =>
      [...inputs].find((i) => form.querySelector(`label[for="${i.id}"]`)?.textContent?.trim().startsWith(label));
    const set = (label: string, value: string) => {
      const input = byLabel(label);
      if (!input) throw new Error(`no ${label}`);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    set('Name', ' Ada Lovelace ');
    set('Organization', 'Net Impact');
    set('Tags', 'alumni, mentor');
    set('Follow up every', '30');
    set('LinkedIn URL', 'https://www.linkedin.com/in/ada');
    const share = form.querySelector<HTMLInputElement>('input[type=checkbox]');
    share?.click();
    form.dispatchEvent(new Event('submit'));
    const create = api.expectOne('/api/contacts');
    expect(create.request.method).toBe('POST');
    expect(create.request.body).toEqual({
      name: 'Ada Lovelace',
      organization: 'Net Impact',
      role: null,
      sector: null,
      howMet: null,
      email: null,
      linkedinUrl: 'https://www.linkedin.com/in/ada',
      tags: ['alumni', 'mentor'],
      notes: null,
      followUpEveryDays: 30,
      sharedWithAdvisors: true,
    });
    create.flush(contact(9, { name: 'Ada Lovelace' }), { status: 201, statusText: 'Created' });
    await harness.fixture.whenStable();
    expect(el.querySelector('#network-notice')?.textContent).toContain('Added Ada Lovelace');
    expect(el.querySelector('tbody tr')?.textContent).toContain('Ada Lovelace');
  });

  it('shows a contact with its timeline, logs an interview and hints at a thank-you note', async () => {
    const harness = await RouterTestingHarness.create('/network/c1');
    const el = harness.routeNativeElement as HTMLElement;
    api.expectOne('/api/contacts/c1').flush(contact(1));
    api.expectOne('/api/contacts/c1/interactions').flush([interaction()]);
    await harness.fixture.whenStable();
    expect(el.querySelector('h1')?.textContent).toBe('Person 1');
    expect(el.querySelector('.timeline')?.textContent).toContain('Informational interview');
    expect(el.querySelector('.timeline')?.textContent).toContain('Talked about grant writing.');

    setValue(el, '#log-kind', 'informational_interview', 'change');
    setValue(el, '#log-notes', 'Second chat');
    el.querySelector<HTMLFormElement>('section[aria-labelledby=log-heading] form')?.dispatchEvent(new Event('submit'));
    const log = api.expectOne('/api/contacts/c1/interactions');
    expect(log.request.method).toBe('POST');
    expect(log.request.body.kind).toBe('informational_interview');
    expect(log.request.body.notes).toBe('Second chat');
    expect(Math.abs(Date.parse(log.request.body.occurredAt) - Date.now())).toBeLessThan(60_000);
    log.flush(interaction({ id: 'i2', occurredAt: new Date().toISOString(), notes: 'Second chat' }), {
      status: 201,
      statusText: 'Created',
    });
    api.expectOne('/api/contacts/c1').flush(contact(1, { lastInteractionAt: new Date().toISOString() }));
    await harness.fixture.whenStable();
    expect(el.querySelector('#log-result')?.textContent).toContain('Send a thank-you note within 48 hours.');
    expect(el.querySelectorAll('.timeline li').length).toBe(2);
    expect(el.querySelector('.timeline li')?.textContent).toContain('Second chat');
  });

  it('links an interaction recorded by homework to its task', async () => {
    const harness = await RouterTestingHarness.create('/network/c1');
    const el = harness.routeNativeElement as HTMLElement;
    api.expectOne('/api/contacts/c1').flush(contact(1));
    api.expectOne('/api/contacts/c1/interactions').flush([
      interaction({ id: 'i3', taskId: 't7', fromHomework: { taskId: 't7', title: 'Informational interview' } }),
      interaction({ id: 'i4', notes: 'Coffee' }),
    ]);
    await harness.fixture.whenStable();
    const items = el.querySelectorAll('.timeline li');
    expect(items[0].querySelector('.from-homework')?.textContent?.trim()).toBe('From homework: Informational interview');
    expect(items[0].querySelector('.from-homework a')?.getAttribute('href')).toBe('/tasks/t7');
    // One logged by hand says nothing about homework.
    expect(items[1].querySelector('.from-homework')).toBeNull();
  });

  it('edits and deletes a contact after confirming', async () => {
    const harness = await RouterTestingHarness.create('/network/c1');
    const el = harness.routeNativeElement as HTMLElement;
    api.expectOne('/api/contacts/c1').flush(contact(1));
    api.expectOne('/api/contacts/c1/interactions').flush([]);
    await harness.fixture.whenStable();

    el.querySelector<HTMLButtonElement>('#edit-button')?.click();
    await harness.fixture.whenStable();
    const form = el.querySelector<HTMLFormElement>('app-contact-form form');
    const role = [...(form?.querySelectorAll<HTMLInputElement>('input') ?? [])].find((i) => i.value === 'Program manager');
    if (!form || !role) throw new Error('no edit form');
    role.value = 'Director';
    role.dispatchEvent(new Event('input'));
    form.dispatchEvent(new Event('submit'));
    const patch = api.expectOne('/api/contacts/c1');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body.role).toBe('Director');
    patch.flush(contact(1, { role: 'Director' }));
    await harness.fixture.whenStable();
    expect(el.querySelector('.lead')?.textContent).toBe('Director at Net Impact');

    el.querySelector<HTMLButtonElement>('#delete-button')?.click();
    await harness.fixture.whenStable();
    expect(el.textContent).toContain('Reflections that cited Person 1 keep the name.');
    [...el.querySelectorAll('button')].find((b) => b.textContent?.includes('Yes, delete'))?.click();
    const del = api.expectOne('/api/contacts/c1');
    expect(del.request.method).toBe('DELETE');
    del.flush(null, { status: 204, statusText: 'No Content' });
    await harness.fixture.whenStable();
    api.expectOne((r) => r.url === '/api/contacts').flush({ items: [], nextCursor: null });
    await harness.fixture.whenStable();
    expect((harness.routeNativeElement as HTMLElement).querySelector('#network-notice')?.textContent).toContain(
      'Deleted Person 1',
    );
  });
});
