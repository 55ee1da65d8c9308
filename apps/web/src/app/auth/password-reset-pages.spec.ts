import { HttpTestingController } from '@angular/common/http/testing';
import { Type } from '@angular/core';
import { ActivatedRoute, convertToParamMap } from '@angular/router';
import { apiError, render, setUpApiTest } from '../shared/testing';
import { ForgotPassword, RESET_REQUESTED } from './forgot-password';
import { PASSWORD_RESET_DONE, ResetPassword } from './reset-password';

function setup(page: Type<unknown>, query: Record<string, string>): HttpTestingController {
  return setUpApiTest(page, {
    providers: [{ provide: ActivatedRoute, useValue: { snapshot: { queryParamMap: convertToParamMap(query) } } }],
  });
}

describe('Forgot password', () => {
  it('keeps the career center from the sign-in page, asks, and answers the same words whatever the account', async () => {
    const api = setup(ForgotPassword, { tenant: 'demo' });
    const { fixture, el, fill, submit } = await render(ForgotPassword);
    expect(el.querySelector<HTMLInputElement>('#forgot-tenant')?.value).toBe('demo');
    submit();
    await fixture.whenStable();
    expect(el.querySelector('#forgot-email-error')?.textContent).toContain('Enter your email address.');
    api.expectNone('/api/auth/password-reset');

    fill('forgot-email', ' someone@demo.test ');
    submit();
    const request = api.expectOne('/api/auth/password-reset');
    expect(request.request.body).toEqual({ tenant: 'demo', email: 'someone@demo.test' });
    request.flush({ message: 'If an account…' }, { status: 202, statusText: 'Accepted' });
    await fixture.whenStable();
    expect(el.querySelector('[role=status]')?.textContent).toContain(RESET_REQUESTED.slice(0, 40));
    api.verify();
  });
});

describe('Reset password', () => {
  /** The reset page of the link with `token`, and a way to send a new password typed twice. */
  async function openResetPage(token: string) {
    const api = setup(ResetPassword, { token });
    const page = await render(ResetPassword);
    const send = (password: string, again = password) => {
      page.fill('reset-password', password);
      page.fill('reset-confirm', again);
      void page.submit();
    };
    return { api, ...page, send };
  }

  it('checks the two passwords, shows the API’s refusal next to the field, then confirms', async () => {
    const { api, fixture, el, send } = await openResetPage('the-token');
    send('Harbor-Lantern-Quilt-58', 'Harbor-Lantern-Quilt-59');
    await fixture.whenStable();
    expect(el.querySelector('#reset-confirm-error')?.textContent).toContain('The two passwords are different');
    api.expectNone('/api/auth/password-reset/confirm');

    send('Fieldwork2026!xx');
    api.expectOne('/api/auth/password-reset/confirm').flush(...apiError(400, 'Invalid password', { password: 'password is built from Fieldwork’s name' }));
    await fixture.whenStable();
    expect(el.querySelector('#reset-password-error')?.textContent).toContain('Password is built from Fieldwork’s name.');

    send('Harbor-Lantern-Quilt-58');
    const confirm = api.expectOne('/api/auth/password-reset/confirm');
    expect(confirm.request.body).toEqual({ token: 'the-token', password: 'Harbor-Lantern-Quilt-58' });
    confirm.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(el.textContent).toContain(PASSWORD_RESET_DONE);
    api.verify();
  });

  it('explains a used or expired link and offers a new one', async () => {
    const { api, fixture, el, send } = await openResetPage('old-token');
    send('Harbor-Lantern-Quilt-58');
    api
      .expectOne('/api/auth/password-reset/confirm')
      .flush(...apiError(410, 'This password-reset link has expired.'));
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('has expired');
    expect(el.querySelector('a[href="/forgot-password"]')?.textContent).toContain('Ask for a new link');
    api.verify();
  });
});
