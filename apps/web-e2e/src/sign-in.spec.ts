import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import {
  hasHorizontalScroll,
  mainNav,
  meMenuButton,
  openMeMenu,
  signIn,
  signOut,
  submitSignIn,
} from './support/auth';
import { DEMO_PASSWORD, DEMO_TENANT, DEMO_USERS, type DemoRole } from './support/env';

/** The main navigation each role sees (grows with the screens; env.ts keeps the first version). */
const NAV: Record<DemoRole, string[]> = {
  admin: ['Home', 'Dashboard', 'People', 'Cohorts', 'Reviews', 'Templates', 'Roster import', 'Exports', 'Audit log', 'Sign-in'],
  advisor: ['Home', 'Dashboard', 'Cohorts', 'Reviews', 'Templates', 'Exports'],
  student: ['Home', 'My tasks', 'My network'],
};

test.describe('signing in', () => {
  test('the sign-in page is accessible and fits a phone', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto('/sign-in');
    await expect(page).toHaveTitle(/Sign in · Fieldwork/);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Fieldwork' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('main')).toBeVisible();
    await expect(page.getByText('Platform operators: leave this empty.')).toBeVisible();
    expect(await hasHorizontalScroll(page)).toBe(false);
    await expectNoSeriousA11yViolations(page, 'sign-in (375 px)');
  });

  test('a wrong password shows a clear error', async ({ page }) => {
    await submitSignIn(page, { tenant: DEMO_TENANT, email: DEMO_USERS.student.email, password: 'not-the-password' });
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(/we couldn.t sign you in|too many attempts/i);
    await expect(page).toHaveURL(/\/sign-in/);
    await expectNoSeriousA11yViolations(page, 'sign-in with an error');
  });

  test('a signed-out visitor is sent to sign in', async ({ page }) => {
    await page.goto('/people');
    await expect(page).toHaveURL(/\/sign-in\?returnUrl=%2Fpeople/);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Fieldwork' })).toBeVisible();
  });

  for (const role of Object.keys(DEMO_USERS) as DemoRole[]) {
    const user = DEMO_USERS[role];

    test(`${role} signs in, sees role-aware navigation, and signs out`, async ({ page }) => {
      await signIn(page, { tenant: DEMO_TENANT, email: user.email, password: DEMO_PASSWORD });

      await expect(page).toHaveURL(/\/$/);
      await expect(page).toHaveTitle(/Home · Fieldwork/);
      await expect(page.getByRole('heading', { level: 1, name: /^Welcome, / })).toBeVisible();
      await expect(page.getByRole('main')).toContainText(`signed in as ${user.article} ${user.roleLabel.toLowerCase()}`);
      await expect(mainNav(page).getByRole('link')).toHaveText(NAV[role]);
      await expect(mainNav(page).getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');
      await expectNoSeriousA11yViolations(page, `${role} home`);

      const panel = await openMeMenu(page);
      await expect(panel).toContainText(user.email);
      await expect(panel).toContainText(user.roleLabel);
      await expectNoSeriousA11yViolations(page, `${role} home with the me menu open`);
      await page.keyboard.press('Escape');
      await expect(meMenuButton(page)).toHaveAttribute('aria-expanded', 'false');
      await expect(meMenuButton(page)).toBeFocused();

      // Pages for other roles are out of reach: the page says so, at the address asked for, with a way home.
      await page.goto(user.forbidden);
      await expect(page.getByRole('heading', { level: 1, name: /don.t have access to this page/i })).toBeVisible();
      await page.getByRole('link', { name: /home page/i }).click();
      await expect(page.getByRole('heading', { level: 1, name: /^Welcome, / })).toBeVisible();
      await expect(page).toHaveURL(/\/$/);

      // Usable on a phone: the header wraps, nothing scrolls sideways.
      await page.setViewportSize({ width: 375, height: 740 });
      await expect(meMenuButton(page)).toBeVisible();
      expect(await hasHorizontalScroll(page)).toBe(false);

      // The session survives a reload (restored from the refresh cookie).
      await page.reload();
      await expect(meMenuButton(page)).toBeVisible();

      await signOut(page);
      await expectNoSeriousA11yViolations(page, `sign-in after ${role} signed out`);

      // The session is really gone: a reload does not bring it back.
      await page.goto('/');
      await expect(page).toHaveURL(/\/sign-in/);
    });
  }
});
