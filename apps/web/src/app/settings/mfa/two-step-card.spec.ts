import type { Me } from '@fieldwork/contracts';
import { apiError, buttonNamed, demoUser, signInAs, useApiTest } from '../../shared/testing';
import { TwoStepCard } from './two-step-card';

const admin = demoUser('admin');
const student = demoUser('student');
const OFF = { enabled: false, enabledAt: null, recoveryCodesLeft: 0, required: false };

describe('Settings: Two-step sign-in', () => {
  const { api, render: renderCard } = useApiTest(TwoStepCard);

  const signIn = (user: Me) => signInAs(api, user);

  async function render() {
    const { fixture, el } = await renderCard();
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
    confirm.flush(...apiError(400, 'Invalid code', { code: "code didn't work: enter the six-digit code your authenticator app shows now" }));
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
