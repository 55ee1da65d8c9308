import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Me } from '@fieldwork/contracts';
import { AuthService } from '@fieldwork/web-core';
import { buttonNamed, render as renderComponent, setUpApiTest, signInAs } from '../../shared/testing';
import { TwoStepCard } from './two-step-card';

const tenant = { id: '00000000-0000-4000-8000-000000000001', slug: 'demo', name: 'Demo', timezone: 'America/New_York' };
const admin: Me = { id: '00000000-0000-4000-8000-000000000002', email: 'admin@demo.test', name: 'Ada Admin', role: 'admin', tenant };
const student: Me = { ...admin, id: '00000000-0000-4000-8000-000000000003', email: 'student@demo.test', role: 'student' };
const OFF = { enabled: false, enabledAt: null, recoveryCodesLeft: 0, required: false };

describe('Settings: Two-step sign-in', () => {
  let api: HttpTestingController;

  beforeEach(() => (api = setUpApiTest(TwoStepCard)));

  afterEach(() => {
    TestBed.inject(AuthService).clearSession();
    api.verify();
  });

  const signIn = (user: Me) => signInAs(api, user);

  async function render() {
    const { fixture, el } = await renderComponent(TwoStepCard);
    return { fixture, el, button: (name: string) => buttonNamed(el, name) };
  }

  it('sets up an authenticator: QR code, a checked first code, then the ten recovery codes once', async () => {
    signIn(student);
    const { fixture, el, button } = await render();
    api.expectOne('/api/me/mfa').flush(OFF);
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=mfa-status]')?.textContent).toContain('Off');
    expect(el.textContent).not.toContain('Require two-step sign-in for admins and advisors');

    button('Set up two-step sign-in')?.click();
    api.expectOne({ method: 'POST', url: '/api/me/mfa/totp' }).flush({ secret: 'JBSWY3DPEHPK3PXP', otpauthUrl: 'otpauth://totp/x', qrDataUrl: 'data:image/png;base64,AAAA' });
    await fixture.whenStable();
    expect(el.querySelector('img')?.getAttribute('src')).toBe('data:image/png;base64,AAAA');
    const input = el.querySelector<HTMLInputElement>('#settings-mfa-code');
    expect(el.querySelector('label[for=settings-mfa-code]')).not.toBeNull();

    (input as HTMLInputElement).value = '654321';
    input?.dispatchEvent(new Event('input'));
    button('Turn on two-step sign-in')?.click();
    const confirm = api.expectOne('/api/me/mfa/totp/confirm');
    expect(confirm.request.body).toEqual({ code: '654321' });
    confirm.flush(
      { statusCode: 400, error: 'Bad Request', message: 'Invalid code', details: [{ field: 'code', problems: ["code didn't work: enter the six-digit code your authenticator app shows now"] }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(el.querySelector('#settings-mfa-code-error')?.textContent).toContain("didn't work");

    button('Turn on two-step sign-in')?.click();
    api.expectOne('/api/me/mfa/totp/confirm').flush({ recoveryCodes: Array.from({ length: 10 }, (_, i) => `abcde-fgh${i}k`) });
    await fixture.whenStable();
    expect(el.querySelectorAll('[data-testid=recovery-codes] li')).toHaveLength(10);
    expect(el.textContent).toContain('They are shown only this time');

    button('Done')?.click();
    api.expectOne('/api/me/mfa').flush({ enabled: true, enabledAt: '2026-11-30T12:00:00Z', recoveryCodesLeft: 10, required: false });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=mfa-status]')?.textContent).toContain('10 of 10 recovery codes left');
  });

  it('lets an admin require it for staff, and keeps it on for someone it is required of', async () => {
    signIn(admin);
    const { fixture, el } = await render();
    api.expectOne('/api/me/mfa').flush({ enabled: true, enabledAt: '2026-11-30T12:00:00Z', recoveryCodesLeft: 9, required: true });
    api.expectOne('/api/tenant/mfa-policy').flush({ requireForStaff: false });
    await fixture.whenStable();
    expect(el.textContent).toContain('stays on');
    expect(el.querySelector('#settings-mfa-off-code')).toBeNull();

    const box = el.querySelector<HTMLInputElement>('input[type=checkbox]');
    expect(box?.closest('label')?.textContent).toContain('Require two-step sign-in for admins and advisors');
    (box as HTMLInputElement).checked = true;
    box?.dispatchEvent(new Event('change'));
    const put = api.expectOne({ method: 'PUT', url: '/api/tenant/mfa-policy' });
    expect(put.request.body).toEqual({ requireForStaff: true });
    put.flush({ requireForStaff: true });
    api.expectOne('/api/me/mfa').flush({ enabled: true, enabledAt: '2026-11-30T12:00:00Z', recoveryCodesLeft: 9, required: true });
    await fixture.whenStable();
    expect(el.textContent).toContain('Saved: admins and advisors need two-step sign-in.');
  });
});
