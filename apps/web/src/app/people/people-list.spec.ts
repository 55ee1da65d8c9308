import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import type { UserSummary } from '@fieldwork/contracts';
import { render as renderComponent, setUpApiTest } from '../shared/testing';
import { PeopleList, SEARCH_DEBOUNCE_MS } from './people-list';
import { person } from './people.fixtures';

describe('PeopleList', () => {
  let api: HttpTestingController;

  beforeEach(() => {
    api = setUpApiTest(PeopleList);
  });

  afterEach(() => api.verify());

  const usersRequest = () => api.expectOne((r) => r.url === '/api/users');

  /** The list with its first page of people answered. */
  async function render(items: UserSummary[] = [person(1)], nextCursor: string | null = null) {
    const rendered = await renderComponent(PeopleList);
    usersRequest().flush({ items, nextCursor });
    await rendered.fixture.whenStable();
    return rendered;
  }

  /** The select at `selector` (the test fails without it). */
  function selectAt(el: HTMLElement, selector: string): HTMLSelectElement {
    const select = el.querySelector<HTMLSelectElement>(selector);
    if (!select) throw new Error(`no ${selector}`);
    return select;
  }

  /** Picks `value` in a select, as a person choosing an option does. */
  function choose(select: HTMLSelectElement, value: string): void {
    select.value = value;
    select.dispatchEvent(new Event('change'));
  }

  it('lists people with their status and loads more with the cursor', async () => {
    const { fixture, el } = await render([person(1), person(2, { activated: false }), person(3, { active: false })], 'c2');

    const rows = [...el.querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.querySelector('.badge')?.textContent?.trim())).toEqual([
      'Active',
      'Invited',
      'Deactivated',
    ]);
    expect(rows[2].textContent).toContain('Reactivate');

    const more = [...el.querySelectorAll('button')].find((b) => b.textContent?.includes('Load more'));
    more?.click();
    await fixture.whenStable();
    const next: TestRequest = usersRequest();
    expect(next.request.params.get('cursor')).toBe('c2');
    next.flush({ items: [person(4)], nextCursor: null });
    await fixture.whenStable();
    expect(el.querySelectorAll('tbody tr').length).toBe(4);
    expect([...el.querySelectorAll('button')].some((b) => b.textContent?.includes('Load more'))).toBe(false);
  });

  it('filters by role and debounces the search box', async () => {
    const { fixture, el } = await render();

    choose(selectAt(el, '#people-role'), 'advisor');
    const byRole = usersRequest();
    expect(byRole.request.params.get('role')).toBe('advisor');
    byRole.flush({ items: [], nextCursor: null });

    const search = el.querySelector<HTMLInputElement>('#people-search');
    if (!search) throw new Error('no search box');
    for (const text of ['a', 'al', 'ali']) {
      search.value = text;
      search.dispatchEvent(new Event('input'));
    }
    api.expectNone((r) => r.url === '/api/users');
    await new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS + 50));
    const searched = usersRequest();
    expect(searched.request.params.get('q')).toBe('ali');
    expect(searched.request.params.get('role')).toBe('advisor');
    searched.flush({ items: [], nextCursor: null });
    await fixture.whenStable();
    expect(el.textContent).toContain('No one matches');
  });

  it('changes a role to advisor or student at once, and deactivates with PATCH after asking', async () => {
    const { fixture, el } = await render();

    const select = selectAt(el, 'tbody select');
    expect(select.getAttribute('aria-label')).toBe('Role for Person 1');
    choose(select, 'advisor');
    const patchRole = api.expectOne('/api/users/u1');
    expect(patchRole.request.method).toBe('PATCH');
    expect(patchRole.request.body).toEqual({ role: 'advisor' });
    patchRole.flush(person(1, { role: 'advisor' }));
    await fixture.whenStable();
    expect(el.querySelector('[role=status]')?.textContent).toContain('Person 1 is now an advisor.');

    const deactivate = [...el.querySelectorAll('tbody button')].find((b) => b.textContent?.includes('Deactivate'));
    (deactivate as HTMLButtonElement).click();
    await fixture.whenStable();
    api.expectNone('/api/users/u1');
    confirmButton(el, 'Yes, deactivate').click();
    const patchActive = api.expectOne('/api/users/u1');
    expect(patchActive.request.body).toEqual({ active: false });
    patchActive.flush(person(1, { role: 'advisor', active: false }));
    await fixture.whenStable();
    expect(el.querySelector('tbody .badge')?.textContent?.trim()).toBe('Deactivated');
  });

  function confirmButton(el: HTMLElement, label: string): HTMLButtonElement {
    const group = el.querySelector('[role=group][aria-labelledby=people-confirm-heading]');
    if (!group) throw new Error('no confirmation');
    const button = [...group.querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
    if (!button) throw new Error(`no ${label} button`);
    return button;
  }

  it('asks before making someone an administrator; Cancel changes nothing and puts the role back', async () => {
    const { fixture, el } = await render();
    const select = selectAt(el, 'tbody select');
    choose(select, 'admin');
    await fixture.whenStable();
    api.expectNone('/api/users/u1');
    const group = el.querySelector('[role=group]')!;
    expect(group.querySelector('h3')?.textContent?.trim()).toBe('Make Person 1 an administrator?');
    expect(document.activeElement?.id).toBe('people-confirm-heading');

    confirmButton(el, 'Cancel').click();
    await fixture.whenStable();
    api.expectNone('/api/users/u1');
    expect(select.value).toBe('student');
    expect(el.querySelector('[role=group]')).toBeNull();
    expect(el.querySelector('[role=status]')?.textContent).toContain('Nothing changed for Person 1.');

    choose(select, 'admin');
    await fixture.whenStable();
    confirmButton(el, 'Yes, make administrator').click();
    const patch = api.expectOne('/api/users/u1');
    expect(patch.request.body).toEqual({ role: 'admin' });
    patch.flush(person(1, { role: 'admin' }));
    await fixture.whenStable();
    expect(el.querySelector('[role=status]')?.textContent).toContain('Person 1 is now an administrator.');
    expect(el.querySelector('[role=group]')).toBeNull();
  });

  it('asks before deactivating; Cancel keeps the person active; reactivating does not ask', async () => {
    const { fixture, el } = await render([person(1), person(2, { active: false })]);
    const button = (label: string) => [...el.querySelectorAll<HTMLButtonElement>('tbody button')].find((b) => b.textContent?.includes(label))!;
    button('Deactivate').click();
    await fixture.whenStable();
    expect(el.querySelector('[role=group] h3')?.textContent?.trim()).toBe('Deactivate Person 1?');
    expect(el.querySelector('[role=group]')?.textContent).toContain('can no longer sign in');
    confirmButton(el, 'Cancel').click();
    await fixture.whenStable();
    api.expectNone('/api/users/u1');
    expect(el.querySelector('tbody .badge')?.textContent?.trim()).toBe('Active');

    button('Reactivate').click();
    const reactivate = api.expectOne('/api/users/u2');
    expect(reactivate.request.body).toEqual({ active: true });
    reactivate.flush(person(2));
    await fixture.whenStable();
  });
});
