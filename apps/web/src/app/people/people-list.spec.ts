import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
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

  const render = () => renderComponent(PeopleList);

  it('lists people with their status and loads more with the cursor', async () => {
    const { fixture, el } = await render();
    usersRequest().flush({
      items: [person(1), person(2, { activated: false }), person(3, { active: false })],
      nextCursor: 'c2',
    });
    await fixture.whenStable();

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
    usersRequest().flush({ items: [person(1)], nextCursor: null });
    await fixture.whenStable();

    const role = el.querySelector<HTMLSelectElement>('#people-role');
    if (!role) throw new Error('no role filter');
    role.value = 'advisor';
    role.dispatchEvent(new Event('change'));
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
    usersRequest().flush({ items: [person(1)], nextCursor: null });
    await fixture.whenStable();

    const select = el.querySelector<HTMLSelectElement>('tbody select');
    if (!select) throw new Error('no role select');
    expect(select.getAttribute('aria-label')).toBe('Role for Person 1');
    select.value = 'advisor';
    select.dispatchEvent(new Event('change'));
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
    usersRequest().flush({ items: [person(1)], nextCursor: null });
    await fixture.whenStable();
    const select = el.querySelector<HTMLSelectElement>('tbody select')!;
    select.value = 'admin';
    select.dispatchEvent(new Event('change'));
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

    select.value = 'admin';
    select.dispatchEvent(new Event('change'));
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
    const { fixture, el } = await render();
    usersRequest().flush({ items: [person(1), person(2, { active: false })], nextCursor: null });
    await fixture.whenStable();
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
