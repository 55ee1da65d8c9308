import { HttpTestingController } from '@angular/common/http/testing';
import type { AuditEvent } from '@fieldwork/contracts';
import { buttonNamed, demoUser, render as renderComponent, setUpApiTest, signInAs } from '../shared/testing';
import { AuditPage } from './audit-page';

const admin = demoUser('admin');

function event(n: number, extra: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: `a${n}`,
    occurredAt: new Date(Date.UTC(2026, 0, 10, 12, 0, 0) - n * 60_000).toISOString(),
    action: 'export.requested',
    actor: { id: 'u1', name: 'Avi Advisor', email: 'advisor@demo.test' },
    subjectType: 'export',
    subjectId: 'e1',
    ip: '127.0.0.1',
    details: { kind: 'cohort-progress', cohortId: null },
    ...extra,
  };
}

describe('AuditPage', () => {
  let api: HttpTestingController;

  beforeEach(() => {
    api = setUpApiTest(AuditPage);
    signInAs(api, admin);
  });
  afterEach(() => api.verify());

  const list = () => api.expectOne((r) => r.url === '/api/audit-events');
  const change = (el: HTMLElement, selector: string, value: string) => {
    const input = el.querySelector<HTMLInputElement | HTMLSelectElement>(selector) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('change'));
  };

  async function render() {
    const { fixture, el } = await renderComponent(AuditPage);
    api.expectOne((r) => r.url === '/api/users').flush({ items: [{ id: 'u1', name: 'Avi Advisor', email: 'advisor@demo.test', role: 'advisor' }], nextCursor: null });
    await fixture.whenStable();
    return { fixture, el };
  }

  it('shows events in words and loads more with the cursor', async () => {
    const { fixture, el } = await render();
    const first = list();
    expect(first.request.params.get('limit')).toBe('50');
    first.flush({ items: [event(1), event(2, { action: 'template.changed', details: { title: 'Thank-you note', changed: ['estimatedMinutes'] }, actor: null, ip: null })], nextCursor: 'c2' });
    await fixture.whenStable();
    const rows = [...el.querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.querySelector('th')?.textContent?.trim())).toEqual(['Export requested', 'Template changed']);
    expect(rows[0].textContent).toContain('Avi Advisor');
    expect(rows[0].textContent).toContain('Export: Cohort progress');
    expect(rows[1].textContent).toContain('Title: Thank-you note · Changed: estimated minutes');
    expect(rows[1].textContent).toContain('Unknown or signed out');
    expect(el.querySelector('[role=status]')?.textContent).toContain('Showing 2 events (more to load).');

    buttonNamed(el, 'Load more events')?.click();
    const more = list();
    expect(more.request.params.get('cursor')).toBe('c2');
    more.flush({ items: [event(3)], nextCursor: null });
    await fixture.whenStable();
    expect(el.querySelectorAll('tbody tr').length).toBe(3);
  });

  it('says what an edit changed, before → after for short fields, and names operators', async () => {
    const { fixture, el } = await render();
    list().flush({
      items: [
        event(1, {
          action: 'template.changed',
          details: { title: 'Talk to alumni', changed: ['instructions', 'title', 'archived'], changes: { title: { from: 'Old title', to: 'Talk to alumni' }, archived: { from: false, to: true } } },
        }),
        event(2, { action: 'invitation.sent', actor: { id: 'op', name: 'Olive Operator (platform operator)', email: 'operator@fieldwork.test' }, details: { email: 'a@x.test', role: 'admin' } }),
      ],
      nextCursor: null,
    });
    await fixture.whenStable();
    const rows = [...el.querySelectorAll('tbody tr')];
    expect(rows[0].querySelector('[data-label=Details]')?.textContent?.trim()).toBe(
      'Title: Talk to alumni · Changed: instructions, title (“Old title” → “Talk to alumni”), archived (no → yes)',
    );
    expect(rows[1].querySelector('[data-label=Who]')?.textContent).toContain('Olive Operator (platform operator)');
    expect(rows[1].textContent).not.toContain('Unknown or signed out');
  });

  it('filters by person, action and dates, and explains a bad range', async () => {
    const { fixture, el } = await render();
    list().flush({ items: [event(1)], nextCursor: null });
    await fixture.whenStable();
    change(el, '#audit-actor', 'u1');
    expect(list().request.params.get('actorId')).toBe('u1');
    change(el, '#audit-action', 'export.downloaded');
    const byAction = list();
    expect(byAction.request.params.get('action')).toBe('export.downloaded');
    byAction.flush({ items: [], nextCursor: null });
    await fixture.whenStable();
    expect(el.textContent).toContain('No events match these filters.');

    change(el, '#audit-from', '2026-03-02');
    list().flush({ items: [], nextCursor: null });
    // A backwards range is explained in plain words, without asking the server.
    change(el, '#audit-to', '2026-03-01');
    api.expectNone((r) => r.url === '/api/audit-events');
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent?.trim()).toBe('The end date is before the start date.');
    expect(el.querySelector('#audit-to-error')?.textContent).toBe('The end date is before the start date.');
    expect(el.querySelector('#audit-to')?.getAttribute('aria-invalid')).toBe('true');
    expect(el.querySelector('#audit-to')?.getAttribute('aria-describedby')).toBe('audit-to-error');
    expect([...el.querySelectorAll('button')].some((b) => b.textContent?.includes('Try again'))).toBe(false);

    // A range the server refuses (e.g. a date-time range) shows the API's words.
    change(el, '#audit-to', '2026-03-03');
    const bad = list();
    expect(bad.request.params.get('to')).toBe('2026-03-03');
    bad.flush(
      { statusCode: 400, error: 'Bad Request', message: 'Invalid to', details: [{ field: 'to', problems: ['The end date is before the start date'] }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('The end date is before the start date.');
    expect(el.querySelector('[role=alert]')?.textContent).not.toContain('Invalid to');

    buttonNamed(el, 'Clear filters')?.click();
    const cleared = list();
    expect(cleared.request.params.keys()).toEqual(['limit']);
    cleared.flush({ items: [event(1)], nextCursor: null });
  });
});
