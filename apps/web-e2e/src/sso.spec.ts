import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { mainNav, meMenuButton, signIn } from './support/auth';
import { OPERATOR_EMAIL, OPERATOR_PASSWORD, STRONG_PASSWORD } from './support/env';
import { uniqueStamp } from './support/fieldwork';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the test IdPs (child processes, no app code) are shared with the API tests
import { addOidcClient, startOidcIdp, startSamlIdp, type IdpProcess } from '../../api/test/support/idp/idp-process';

/**
 * Campus sign-in in Chromium, end to end, against real identity providers started here over HTTP:
 * a SAML IdP (samlify) and an OpenID provider (oidc-provider), each with a login page the browser fills
 * in and submits. Each test makes its own career center (through the operator API), so the demo
 * center's sign-in page stays as the other tests expect it.
 */
interface Center {
  slug: string;
  name: string;
  adminEmail: string;
  adminToken: string;
}

async function newCenter(request: APIRequestContext, stamp: string): Promise<Center> {
  const operator = await request.post('/api/auth/login', { data: { tenant: '', email: OPERATOR_EMAIL, password: OPERATOR_PASSWORD } });
  await expect(operator, 'operator sign-in').toBeOK();
  const slug = `sso-${stamp}`.slice(0, 40);
  const name = `Career Center ${stamp}`;
  const adminEmail = `admin@${slug}.test`;
  const created = await request.post('/api/platform/tenants', {
    headers: { authorization: `Bearer ${(await operator.json()).accessToken}` },
    data: { slug, name, timezone: 'America/New_York', adminEmail, adminName: 'Ada Admin' },
  });
  await expect(created, 'tenant').toBeOK();
  const accepted = await request.post('/api/auth/accept-invitation', {
    data: { token: (await created.json()).adminInvitationToken, name: 'Ada Admin', password: STRONG_PASSWORD },
  });
  await expect(accepted, 'admin accepts').toBeOK();
  return { slug, name, adminEmail, adminToken: (await accepted.json()).accessToken };
}

/** A roster student: invited by the admin, never chose a password (campus sign-in links them). */
async function addStudent(request: APIRequestContext, center: Center, email: string): Promise<void> {
  const invited = await request.post('/api/invitations', {
    headers: { authorization: `Bearer ${center.adminToken}` },
    data: { email, name: 'Sam Student', role: 'student' },
  });
  await expect(invited, 'student invited').toBeOK();
}

async function signInWithCampus(page: Page, center: Center, buttonText: string): Promise<void> {
  await page.goto(`/${center.slug}/login`);
  await expect(page.getByLabel('Career center')).toHaveValue(center.slug);
  await page.getByRole('link', { name: buttonText }).click();
}

let saml: IdpProcess;
let oidc: IdpProcess;

test.beforeAll(async () => {
  [saml, oidc] = await Promise.all([startSamlIdp(), startOidcIdp()]);
});
test.afterAll(async () => {
  await Promise.all([saml?.stop(), oidc?.stop()]);
});

test('admin: sets up SAML on the Sign-in page, tries it in test mode, turns it on; a roster student signs in through the campus IdP', async ({ page, request }) => {
  const stamp = uniqueStamp();
  const center = await newCenter(request, stamp);
  const studentEmail = `sam.${stamp}@${center.slug}.test`;
  await addStudent(request, center, studentEmail);

  await signIn(page, { tenant: center.slug, email: center.adminEmail, password: STRONG_PASSWORD });
  await mainNav(page).getByRole('link', { name: 'Sign-in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign-in' })).toBeVisible();
  await page.getByLabel('Button text: “Sign in with …”').fill('Example University');
  await page.getByLabel('Fetch it from a URL').check();
  await page.getByLabel('Metadata URL').fill(`${saml.url}/metadata`);
  await page.getByLabel('Test mode: only you can try it, from this page').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved. Use “Try it with your account” to test it.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Signing certificates' })).toContainText('Fieldwork test SAML IdP');
  await expect(page.getByText(`/api/sso/${center.slug}/saml/acs`)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'sign-in settings (SAML)');

  // Test mode: the admin signs in at the IdP with their own account and comes back here.
  await page.getByRole('button', { name: 'Try it with your account' }).click();
  await expect(page.getByRole('heading', { name: 'Example University' })).toBeVisible();
  await page.getByLabel('Campus e-mail').fill(center.adminEmail);
  await page.getByLabel('Password').fill('campus-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('The test worked: your campus account matched your Fieldwork account.')).toBeVisible();
  await expect(page.getByRole('table')).toContainText('Test passed');

  await page.getByLabel('Campus sign-in is on (the sign-in page shows the button)').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved. Students see the campus sign-in button now.')).toBeVisible();
  await page.screenshot({ path: `test-results/sso-settings-${stamp}.png`, fullPage: true });

  // The student, in a fresh browser context: the center's own link, the button, the campus login page, home.
  const student = await page.context().browser()?.newContext();
  if (!student) throw new Error('no browser');
  const studentPage = await student.newPage();
  await signInWithCampus(studentPage, center, 'Sign in with Example University');
  await expect(studentPage.getByRole('heading', { name: 'Example University' })).toBeVisible();
  await studentPage.screenshot({ path: `test-results/sso-saml-idp-${stamp}.png` });
  await studentPage.getByLabel('Campus e-mail').fill(studentEmail);
  await studentPage.getByLabel('Password').fill('campus-password');
  await studentPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(meMenuButton(studentPage)).toBeVisible();
  await expect(studentPage).not.toHaveURL(/sign-in|login|sso/);
  await expect(mainNav(studentPage).getByRole('link', { name: 'My tasks' })).toBeVisible();
  await studentPage.screenshot({ path: `test-results/sso-saml-signed-in-${stamp}.png`, fullPage: true });
  // A reload restores the session from the refresh cookie the campus sign-in set.
  await studentPage.reload();
  await expect(meMenuButton(studentPage)).toBeVisible();
  await student.close();
});

test('a roster student signs in through the OpenID provider; the sign-in page finds the center from the e-mail domain', async ({ page, request }) => {
  const stamp = uniqueStamp();
  const center = await newCenter(request, stamp);
  const studentEmail = `olive.${stamp}@${center.slug}.test`;
  await addStudent(request, center, studentEmail);
  // The callback URL the API builds from the address the browser uses (PUBLIC_URL in production).
  const origin = new URL(test.info().project.use.baseURL as string).origin;
  await addOidcClient(oidc, { client_id: `fieldwork-${center.slug}`, client_secret: `secret-${stamp}`, redirect_uris: [`${origin}/api/sso/${center.slug}/oidc/callback`] });
  const saved = await request.put('/api/tenant/sso', {
    headers: { authorization: `Bearer ${center.adminToken}` },
    data: {
      protocol: 'oidc',
      displayName: 'Example State University',
      issuer: oidc.url,
      clientId: `fieldwork-${center.slug}`,
      clientSecret: `secret-${stamp}`,
      matchBy: 'email',
      enabled: true,
      testMode: false,
      studentsSsoOnly: true,
      domains: [`${center.slug}.test`],
    },
  });
  await expect(saved, 'OIDC settings').toBeOK();

  // Typing the campus address is enough: its domain names the career center.
  await page.goto('/sign-in');
  await page.getByLabel('Career center').fill('');
  await page.getByLabel('Email address').fill(studentEmail);
  const button = page.getByRole('link', { name: 'Sign in with Example State University' });
  await expect(button).toBeVisible();
  await expect(page.getByText(`Students of ${center.name} sign in with their campus account.`)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'sign-in with the campus button');
  await page.screenshot({ path: `test-results/sso-sign-in-button-${stamp}.png`, fullPage: true });
  await button.click();
  await page.locator('input[name="login"]').fill(studentEmail);
  await page.locator('input[name="password"]').fill('campus-password');
  await page.screenshot({ path: `test-results/sso-oidc-idp-${stamp}.png` });
  await page.locator('button[type="submit"]').click();
  await expect(meMenuButton(page)).toBeVisible();
  await expect(mainNav(page).getByRole('link', { name: 'My tasks' })).toBeVisible();
  await page.screenshot({ path: `test-results/sso-oidc-signed-in-${stamp}.png`, fullPage: true });
});

test('someone the roster does not have gets the "not added yet" page with the center’s name', async ({ page, request }) => {
  const stamp = uniqueStamp();
  const center = await newCenter(request, stamp);
  const saved = await request.put('/api/tenant/sso', {
    headers: { authorization: `Bearer ${center.adminToken}` },
    data: { protocol: 'saml', displayName: 'Example University', metadataUrl: `${saml.url}/metadata`, matchBy: 'email', enabled: true, testMode: false, studentsSsoOnly: false },
  });
  await expect(saved, 'SAML settings').toBeOK();
  await signInWithCampus(page, center, 'Sign in with Example University');
  await page.getByLabel('Campus e-mail').fill(`stranger.${stamp}@elsewhere.test`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${center.name} hasn’t added you yet` })).toBeVisible();
  await expect(page.getByText('Contact your career center and ask them to add you to Fieldwork')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/sso/not-added\\?center=${center.slug}`));
  await expectNoSeriousA11yViolations(page, 'not added yet');
  await page.screenshot({ path: `test-results/sso-not-added-${stamp}.png`, fullPage: true });
});
