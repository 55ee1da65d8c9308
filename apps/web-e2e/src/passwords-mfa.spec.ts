import { expect, test, type APIRequestContext } from '@playwright/test';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import * as OTPAuth from 'otpauth';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { meMenuButton, signIn, signOut, submitSignIn } from './support/auth';
import { DEMO_PASSWORD, DEMO_TENANT, DEMO_USERS, STRONG_PASSWORD } from './support/env';
import { uniqueStamp } from './support/fieldwork';

/**
 * Passwords and two-step sign-in in a real browser: "Forgot password?" → the e-mail (read from
 * MAIL_DIR) → the reset page → signing in with the new password; then an authenticator set up in
 * Settings (QR code, first code, recovery codes) and a sign-in with a code.
 */
const REPORTS = resolve(process.cwd(), 'reports');
const MAIL_DIR = process.env['MAIL_DIR'] || resolve(REPORTS, 'mail');
const NEW_PASSWORD = 'Harbor-Lantern-Quilt-58';

/** The .eml files written to `to`, soft line breaks and =3D of quoted-printable undone. */
function mailTo(to: string): string[] {
  if (!existsSync(MAIL_DIR)) return [];
  return readdirSync(MAIL_DIR)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => readFileSync(resolve(MAIL_DIR, f), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/gi, '='))
    .filter((text) => new RegExp(`^To:.*${to.replace(/[.+]/g, '\\$&')}`, 'mi').test(text));
}

function code(secret: string, periods = 0): string {
  return OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: Date.now() + periods * 30_000 });
}

/** A new advisor of the demo career center who has accepted their invitation (through the API). */
async function newAdvisor(request: APIRequestContext, email: string, name: string): Promise<void> {
  const login = await request.post('/api/auth/login', { data: { tenant: DEMO_TENANT, email: DEMO_USERS.admin.email, password: DEMO_PASSWORD } });
  await expect(login).toBeOK();
  const { accessToken } = (await login.json()) as { accessToken: string };
  const invited = await request.post('/api/invitations', { headers: { authorization: `Bearer ${accessToken}` }, data: { email, name, role: 'advisor' } });
  await expect(invited).toBeOK();
  const { token } = (await invited.json()) as { token: string };
  await expect(await request.post('/api/auth/accept-invitation', { data: { token, name, password: STRONG_PASSWORD } })).toBeOK();
}

test('forgot password → e-mail → new password → sign in; then two-step sign-in set up in Settings and used', async ({ page, request }, testInfo) => {
  test.skip(!existsSync(MAIL_DIR) && !process.env['MAIL_DIR'], `No ${MAIL_DIR}: the product sends over SMTP, so the reset e-mail cannot be read here.`);
  test.setTimeout(180_000);
  const stamp = uniqueStamp();
  const email = `reset-${stamp}@demo.test`.toLowerCase();
  await newAdvisor(request, email, `Remy Reset ${stamp}`);

  // Forgot password: the link on the sign-in page keeps the career center typed there.
  await page.goto('/sign-in');
  await page.getByLabel('Career center').fill(DEMO_TENANT);
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Forgot your password?' })).toBeVisible();
  await expect(page.getByLabel('Career center')).toHaveValue(DEMO_TENANT);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'If an account with that e-mail exists' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'forgot password, sent');

  // The e-mail (the worker writes it to MAIL_DIR) links to /reset-password?token=….
  let link = '';
  await expect
    .poll(
      () => {
        const mail = mailTo(email).find((text) => /reset-password\?token=/.test(text));
        link = mail?.match(/https?:\/\/[^\s"<>]+\/reset-password\?token=[A-Za-z0-9_%-]+/)?.[0] ?? '';
        return link;
      },
      { timeout: 60_000, message: `a password-reset e-mail to ${email} in ${MAIL_DIR}` },
    )
    .not.toBe('');
  const token = decodeURIComponent(new URL(link).searchParams.get('token') ?? '');
  await page.goto(`/reset-password?token=${encodeURIComponent(token)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();

  // A password built from "Fieldwork" is refused, next to the field.
  await page.getByLabel('New password').fill('Fieldwork2026!');
  await page.getByLabel('Type it again').fill('Fieldwork2026!');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.locator('#reset-password-error')).toContainText('Fieldwork');
  await page.getByLabel('New password').fill(NEW_PASSWORD);
  await page.getByLabel('Type it again').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your new password is set' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'reset password, done');
  await page.screenshot({ path: testInfo.outputPath('reset-password-done.png'), fullPage: true });

  await signIn(page, { tenant: DEMO_TENANT, email, password: NEW_PASSWORD });

  // Settings → Two-step sign-in: QR code, the first code, ten recovery codes.
  await page.goto('/settings');
  const card = page.getByRole('region', { name: 'Two-step sign-in' });
  await expect(card.getByTestId('mfa-status')).toContainText('Off');
  await card.getByRole('button', { name: 'Set up two-step sign-in' }).click();
  await expect(card.getByRole('img', { name: 'QR code to add Fieldwork to your authenticator app' })).toBeVisible();
  await card.getByText("Can't scan it? Type this key instead").click();
  const secret = ((await card.getByTestId('totp-secret').textContent()) ?? '').trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.screenshot({ path: testInfo.outputPath('two-step-qr.png'), fullPage: true });
  await card.getByLabel('Enter the six-digit code the app shows').fill(code(secret));
  await card.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  await expect(card.getByTestId('recovery-codes').getByRole('listitem')).toHaveCount(10);
  await expectNoSeriousA11yViolations(page, 'settings, recovery codes');
  await page.screenshot({ path: testInfo.outputPath('two-step-recovery-codes.png'), fullPage: true });
  await card.getByRole('button', { name: 'Done' }).click();
  await expect(card.getByTestId('mfa-status')).toContainText('On');

  // Signing in now asks for a code after the password (the one just used is spent: the next one).
  await signOut(page);
  await submitSignIn(page, { tenant: DEMO_TENANT, email, password: NEW_PASSWORD });
  await expect(page.getByRole('heading', { name: 'Two-step sign-in' })).toBeVisible();
  await page.getByLabel('Code from your authenticator app').fill('000000');
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page.getByRole('alert')).toContainText("That code didn't work");
  await expectNoSeriousA11yViolations(page, 'sign-in code step');
  await page.getByLabel('Code from your authenticator app').fill(code(secret, 1));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(meMenuButton(page)).toBeVisible();
  await expect(page).not.toHaveURL(/\/sign-in/);
});
