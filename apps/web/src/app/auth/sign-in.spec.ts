import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { apiError, useApiTest } from '../shared/testing';
import { SignIn } from './sign-in';

describe('SignIn', () => {
  const { api, render } = useApiTest(SignIn, { withAuth: true });

  /** A student's attempt with a wrong password, sent. */
  async function wrongPassword() {
    const rendered = await render();
    rendered.fill('sign-in-tenant', 'demo');
    rendered.fill('sign-in-email', 'student@demo.test');
    rendered.fill('sign-in-password', 'wrong');
    await rendered.submit();
    return rendered;
  }

  it('labels every field and explains the empty tenant for operators', async () => {
    const { el } = await render();
    for (const id of ['sign-in-tenant', 'sign-in-email', 'sign-in-password']) {
      expect(el.querySelector(`label[for=${id}]`)).not.toBeNull();
    }
    expect(el.querySelector<HTMLInputElement>('#sign-in-tenant')?.value).toBe('');
    expect(el.querySelector<HTMLInputElement>('#sign-in-tenant')?.placeholder).toBe('demo');
    expect(el.textContent).toContain('Platform operators: leave this empty.');
  });

  it('shows field errors and sends nothing when the form is empty', async () => {
    const { el, submit } = await render();
    await submit();
    expect(el.querySelector('#sign-in-email-error')?.textContent).toContain('Enter your email address.');
    expect(el.querySelector('#sign-in-password-error')?.textContent).toContain('Enter your password.');
    expect(el.querySelector('#sign-in-email')?.getAttribute('aria-invalid')).toBe('true');
    api.expectNone('/api/auth/login');
  });

  it('says in plain words that sign-in failed, whatever the server worded', async () => {
    const { fixture, el } = await wrongPassword();
    api
      .expectOne('/api/auth/login')
      .flush(...apiError(401, 'Invalid tenant, email or password'));
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent?.trim()).toBe(
      "We couldn't sign you in. Check the career center, e-mail and password.",
    );
  });

  it('keeps other failures (too many attempts) in their own words', async () => {
    const { fixture, el } = await wrongPassword();
    api
      .expectOne('/api/auth/login')
      .flush(...apiError(429, 'Too many sign-in attempts. Try again in a minute.'));
    await fixture.whenStable();
    // The server's own words (they say how long to wait).
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Too many sign-in attempts. Try again in a minute.');
  });

  it('signs an operator in without a tenant and goes to Tenants', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const { fill, submit } = await render();
    fill('sign-in-email', 'operator@fieldwork.test');
    fill('sign-in-password', 'fieldwork-demo');
    await submit();
    const req = api.expectOne('/api/auth/login');
    expect(req.request.body).toEqual({ email: 'operator@fieldwork.test', password: 'fieldwork-demo' });
    req.flush({
      accessToken: 't',
      expiresIn: 900,
      user: { id: 'op', email: 'operator@fieldwork.test', name: 'Olive', role: 'operator', tenant: null },
    });
    expect(navigate).toHaveBeenCalledWith('/tenants', { replaceUrl: true });
  });
});
