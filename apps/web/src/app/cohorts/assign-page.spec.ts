import { ActivatedRoute, convertToParamMap } from '@angular/router';
import type { CohortDetail, CreateAssignmentRequest, Me, Template } from '@fieldwork/contracts';
import { todayInZone } from '@fieldwork/web-core';
import { buttonNamed, render as renderComponent, signInAs, useApiTest } from '../shared/testing';
import { AssignPage } from './assign-page';

const advisor: Me = {
  id: 'u1',
  email: 'advisor@demo.test',
  name: 'Avery Advisor',
  role: 'advisor',
  tenant: { id: 't1', slug: 'demo', name: 'Demo', timezone: 'America/New_York' },
};

const template = {
  id: 'tpl1',
  title: 'Informational interview',
  category: 'gather-information',
  instructions: 'Talk to someone.',
  prompts: [{ key: 'learned', label: 'What did you learn?', type: 'long_text', required: true }],
  contactRequired: true,
  evidence: { kind: 'none', required: false },
  rubric: null,
  estimatedMinutes: 45,
  archived: false,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
} as Template;

describe('AssignPage', () => {
  const { api } = useApiTest(AssignPage, {
    providers: [{ provide: ActivatedRoute, useValue: { snapshot: { paramMap: convertToParamMap({ id: 'c1' }) } } }],
  });
  beforeEach(() => signInAs(api, advisor));

  /** The page with its cohort and templates answered; `set(id, value)` types into a field, `click(text)` presses a button. */
  async function render() {
    const rendering = renderComponent(AssignPage);
    api.expectOne('/api/cohorts/c1').flush({ id: 'c1', name: 'Fall cohort' } as CohortDetail);
    api.expectOne((r) => r.url === '/api/templates').flush({ items: [template], nextCursor: null });
    const { fixture, el, fill } = await rendering;
    const set = async (id: string, value: string) => {
      fill(id, value);
      await fixture.whenStable();
    };
    const click = async (text: string) => {
      const button = buttonNamed(el, text);
      if (!button) throw new Error(`no button ${text}`);
      button.click();
      await fixture.whenStable();
    };
    return { fixture, el, set, click };
  }

  it('sends local days of the career center, "today" there by default, and says what the due day means', async () => {
    const { el, set, click } = await render();
    // Defaults are days in New York, not in the browser's zone.
    expect(el.querySelector<HTMLInputElement>('#opens-on')?.value).toBe(todayInZone('America/New_York'));
    expect(el.querySelector<HTMLInputElement>('#due-date')?.value).toBe(todayInZone('America/New_York', 14));
    expect(el.querySelector('#opens-hint')?.textContent).toContain('America/New_York');

    el.querySelector<HTMLInputElement>('#tpl-tpl1')?.click();
    await set('opens-on', '2026-12-01');
    await set('due-date', '2026-12-10');
    expect(el.querySelector('#due-date-hint')?.textContent?.trim()).toMatch(/^Due Dec 10(, 2026)? \(end of day, America\/New_York\)$/);
    expect(el.querySelector('#due-date')?.getAttribute('aria-describedby')).toBe('due-date-hint');

    await click('Assign homework');
    const req = api.expectOne('/api/assignments');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual<CreateAssignmentRequest>({
      templateId: 'tpl1',
      cohortId: 'c1',
      opensOn: '2026-12-01',
      dueOn: '2026-12-10',
    });
    req.flush({ id: 'a1', taskCount: 12 });
    await new Promise((r) => setTimeout(r));
    expect(el.textContent).toContain('Assigned to 12 students');
  });

  it('asks before assigning a template already live in the cohort, and resends with allowDuplicate', async () => {
    const { fixture, el, set, click } = await render();
    el.querySelector<HTMLInputElement>('#tpl-tpl1')?.click();
    await set('due-date', todayInZone('America/New_York', 7));
    await click('Assign homework');
    api.expectOne('/api/assignments').flush(
      { code: 'duplicate_assignment', message: 'Already assigned', existing: { id: 'a0', title: 'Informational interview' } },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    const confirm = el.querySelector('#assign-duplicate');
    expect(confirm?.getAttribute('role')).toBe('alertdialog');
    expect(confirm?.textContent).toContain('Informational interview is already assigned to this cohort. Assign it again?');
    expect(el.querySelector('#assign-error')).toBeNull();

    // "Don't assign" closes the question without a request.
    await click('Don’t assign');
    expect(el.querySelector('#assign-duplicate')).toBeNull();
    api.expectNone('/api/assignments');

    await click('Assign homework');
    api.expectOne('/api/assignments').flush(
      { code: 'duplicate_assignment', message: 'Already assigned', existing: { id: 'a0', title: 'Informational interview' } },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    await click('Assign it again');
    const again = api.expectOne('/api/assignments');
    expect(again.request.body).toMatchObject({ templateId: 'tpl1', allowDuplicate: true, dueOn: todayInZone('America/New_York', 7) });
    again.flush({ id: 'a2', taskCount: 3 });
    await fixture.whenStable();
    expect(el.textContent).toContain('Assigned to 3 students');
  });

  it('places the API\'s errors on local-day fields next to those fields', async () => {
    const { fixture, el, click } = await render();
    el.querySelector<HTMLInputElement>('#tpl-tpl1')?.click();
    await fixture.whenStable();
    await click('Assign homework');
    api.expectOne('/api/assignments').flush(
      { statusCode: 400, error: 'Bad Request', message: 'Invalid', details: [{ field: 'dueOn', problems: ['dueOn must be on or after opensOn'] }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(el.querySelector('#due-date-error')?.textContent).toContain('DueOn must be on or after opensOn.');
    expect(el.querySelector('#due-date')?.getAttribute('aria-invalid')).toBe('true');
  });
});
