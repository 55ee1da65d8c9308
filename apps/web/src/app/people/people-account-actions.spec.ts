import { HttpTestingController } from '@angular/common/http/testing';
import type { UserSummary } from '@fieldwork/contracts';
import { render as renderComponent, setUpApiTest } from '../shared/testing';
import { PeopleList } from './people-list';
import { person as student } from './people.fixtures';

const person = (n: number, extra: Partial<UserSummary> = {}) => student(n, { role: 'advisor', ...extra });

describe('PeopleList: password reset and two-step sign-in', () => {
  let api: HttpTestingController;

  beforeEach(() => {
    api = setUpApiTest(PeopleList);
  });

  afterEach(() => api.verify());

  async function render(people: UserSummary[]) {
    const { fixture, el } = await renderComponent(PeopleList);
    api.expectOne((r) => r.url === '/api/users').flush({ items: people, nextCursor: null });
    await fixture.whenStable();
    const buttonIn = (row: number, name: string) => [...el.querySelectorAll('tbody tr')[row].querySelectorAll('button')].find((b) => b.textContent?.includes(name));
    return { fixture, el, buttonIn };
  }

  it('offers the actions only to people who have an account, and says what happened', async () => {
    const { fixture, el, buttonIn } = await render([person(1), person(2, { activated: false }), person(3, { active: false })]);
    expect(buttonIn(0, 'Send password reset')).toBeDefined();
    expect(buttonIn(0, 'Reset two-step sign-in')).toBeDefined();
    expect(buttonIn(1, 'Send password reset')).toBeUndefined();
    expect(buttonIn(1, 'Reset two-step sign-in')).toBeUndefined();
    expect(buttonIn(2, 'Send password reset')).toBeUndefined();

    buttonIn(0, 'Send password reset')?.click();
    api.expectOne({ method: 'POST', url: '/api/users/u1/password-reset' }).flush({ email: 'person1@demo.test', expiresAt: '2026-11-30T12:30:00Z' });
    await fixture.whenStable();
    expect(el.querySelector('.status-line')?.textContent).toContain('We e-mailed Person 1 a link to choose a new password');

    buttonIn(0, 'Reset two-step sign-in')?.click();
    api
      .expectOne({ method: 'DELETE', url: '/api/users/u1/mfa' })
      .flush({ statusCode: 409, error: 'Conflict', message: 'This person has not turned on two-step sign-in; there is nothing to reset.' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('nothing to reset');
  });
});
