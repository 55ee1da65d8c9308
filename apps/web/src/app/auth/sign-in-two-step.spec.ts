import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { AuthService } from '@fieldwork/web-core';
import { apiError, demoUser, useApiTest } from '../shared/testing';
import { CODE_FAILED, SignIn } from './sign-in';

const advisor = demoUser('advisor', { name: 'Avi Advisor' });

describe('SignIn: the second step', () => {
  const { api, render } = useApiTest(SignIn, { withAuth: true });

  async function passwordStep() {
    const { fixture, el, fill, submit } = await render();
    fill('sign-in-tenant', 'demo');
    fill('sign-in-email', advisor.email);
    fill('sign-in-password', 'Networking-Walks-42!');
    await submit();
    return { fixture, el, fill, submit };
  }

  it('links to "Forgot password?" with the career center typed so far', async () => {
    const fixture = TestBed.createComponent(SignIn);
    await fixture.whenStable();
    const link = (fixture.nativeElement as HTMLElement).querySelector<HTMLAnchorElement>('a[href^="/forgot-password"]');
    expect(link?.textContent).toContain('Forgot password?');
  });

  it('asks for the code after the password, explains a wrong one, and signs in with the right one', async () => {
    const { fixture, el, fill, submit } = await passwordStep();
    api.expectOne('/api/auth/login').flush({ mfaRequired: true, mfaToken: 'step-token' });
    await fixture.whenStable();
    expect(el.querySelector('h2')?.textContent).toContain('Two-step sign-in');
    expect(el.querySelector('label[for=sign-in-code]')?.textContent).toContain('Code from your authenticator app');

    fill('sign-in-code', '000000');
    await submit();
    const wrong = api.expectOne('/api/auth/mfa');
    expect(wrong.request.body).toEqual({ mfaToken: 'step-token', code: '000000' });
    wrong.flush(...apiError(401, "That code didn't work."));
    await fixture.whenStable();
    expect(el.querySelector('#sign-in-code-error')?.textContent).toContain(CODE_FAILED);
    expect(el.querySelector('#sign-in-code')?.getAttribute('aria-invalid')).toBe('true');

    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    fill('sign-in-code', '123456');
    await submit();
    api.expectOne('/api/auth/mfa').flush({ accessToken: 'a', expiresIn: 900, user: advisor });
    await fixture.whenStable();
    expect(TestBed.inject(AuthService).user()?.email).toBe(advisor.email);
    expect(navigate).toHaveBeenCalled();
  });

  it('goes back to the password when the five-minute step has expired', async () => {
    const { fixture, el, fill, submit } = await passwordStep();
    api.expectOne('/api/auth/login').flush({ mfaRequired: true, mfaToken: 'old-token' });
    await fixture.whenStable();
    fill('sign-in-code', '123456');
    await submit();
    api
      .expectOne('/api/auth/mfa')
      .flush(...apiError(401, 'This sign-in step has expired; sign in again with your password'));
    await fixture.whenStable();
    expect(el.querySelector('#sign-in-password')).not.toBeNull();
    expect(el.textContent).toContain('This sign-in took too long');
  });

  it('sets up the authenticator the career center requires, then shows the recovery codes once', async () => {
    const { fixture, el, fill, submit } = await passwordStep();
    api.expectOne('/api/auth/login').flush({ mfaEnrollmentRequired: true, mfaToken: 'enrol-token' });
    await fixture.whenStable();
    api.expectOne('/api/auth/mfa/enroll').flush({ secret: 'JBSWY3DPEHPK3PXP', otpauthUrl: 'otpauth://totp/x', qrDataUrl: 'data:image/png;base64,AAAA' });
    await fixture.whenStable();
    expect(el.querySelector('img')?.getAttribute('alt')).toBe('QR code to add Fieldwork to your authenticator app');
    expect(el.textContent).toContain('JBSWY3DPEHPK3PXP');

    fill('sign-in-enroll-code', '12345');
    await submit();
    api.expectNone('/api/auth/mfa/enroll/confirm');
    expect(el.querySelector('#sign-in-enroll-code-error')?.textContent).toContain('six digits');

    fill('sign-in-enroll-code', '123456');
    await submit();
    const codes = Array.from({ length: 10 }, (_, i) => `abcde-fgh${i}k`);
    api.expectOne('/api/auth/mfa/enroll/confirm').flush({ accessToken: 'a', expiresIn: 900, user: advisor, recoveryCodes: codes });
    await fixture.whenStable();
    expect(el.querySelectorAll('[data-testid=recovery-codes] li')).toHaveLength(10);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    [...el.querySelectorAll('button')].find((b) => b.textContent?.includes('I saved my codes'))?.click();
    expect(navigate).toHaveBeenCalled();
  });
});
