import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { mainNav, meMenuButton, signIn, signOut } from './support/auth';
import { DEMO_PASSWORD, DEMO_TENANT, DEMO_USERS, STRONG_PASSWORD } from './support/env';

test.describe('invitations', () => {
  test('an expired or unknown invitation link explains what to do', async ({ page }) => {
    await page.goto('/accept-invitation?token=this-is-not-a-real-invitation-token');
    await expect(page.getByRole('heading', { level: 1, name: "This invitation can't be used" })).toBeVisible();
    await expect(page.getByRole('main')).toContainText('Ask your career center');
    await expect(page).toHaveTitle(/Accept your invitation · Fieldwork/);
    await expectNoSeriousA11yViolations(page, 'accept-invitation with a bad token');
  });

  test('admin invites a new person, who accepts and then signs in again', async ({ page, browser, baseURL }) => {
    const stamp = Date.now();
    const email = `e2e-${stamp}@demo.test`;
    const name = `Robin Tester ${stamp}`;

    // Admin creates the invitation.
    await signIn(page, { tenant: DEMO_TENANT, email: DEMO_USERS.admin.email, password: DEMO_PASSWORD });
    await mainNav(page).getByRole('link', { name: 'People' }).click();
    await expect(page).toHaveTitle(/People · Fieldwork/);
    await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
    await expect(page.getByRole('cell', { name: DEMO_USERS.admin.email })).toBeVisible();

    const inviteSection = page.getByRole('region', { name: 'Invite someone' });
    await inviteSection.getByLabel('Email address').fill(email);
    await inviteSection.getByLabel('Name', { exact: true }).fill(name);
    await inviteSection.getByLabel('Role').selectOption('student');
    await inviteSection.getByRole('button', { name: 'Create invitation' }).click();

    await expect(page.getByRole('heading', { name: `Invitation ready for ${name}` })).toBeVisible();
    await expect(inviteSection).toContainText('Send this link to');
    const inviteUrl = await page.getByLabel('Invitation link').inputValue();
    expect(inviteUrl).toMatch(/\/accept-invitation\?token=.+/);
    await expectNoSeriousA11yViolations(page, 'people with an invitation link');

    // The invitee shows up as "Invited" (search is debounced).
    await page.getByLabel('Search by name or email').fill(email);
    const row = page.getByRole('row').filter({ hasText: email });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Invited');

    // The invitee opens the link in a fresh browser.
    const context = await browser.newContext({ baseURL });
    try {
      const guest = await context.newPage();
      const link = new URL(inviteUrl);
      await guest.goto(link.pathname + link.search);
      await expect(guest.getByRole('heading', { level: 1, name: /^Join .+ on Fieldwork$/ })).toBeVisible();
      await expect(guest.getByRole('main')).toContainText(email);
      await expect(guest.getByRole('main')).toContainText('invited as a student');
      await expect(guest.getByLabel('Your name')).toHaveValue(name);
      await expectNoSeriousA11yViolations(guest, 'accept-invitation');

      await guest.getByLabel('New password', { exact: true }).fill(STRONG_PASSWORD);
      await guest.getByLabel('Confirm new password').fill(STRONG_PASSWORD);
      await guest.getByRole('button', { name: 'Set up my account' }).click();

      await expect(guest.getByRole('heading', { level: 1, name: `Welcome, ${name}` })).toBeVisible();
      await expect(mainNav(guest).getByRole('link')).toHaveText(['Home', 'My tasks', 'My network']);
      await expect(meMenuButton(guest)).toContainText(name);
      await expectNoSeriousA11yViolations(guest, 'new student home');

      // Sign out, then sign in again through the form with the new password.
      await signOut(guest);
      await signIn(guest, { tenant: DEMO_TENANT, email, password: STRONG_PASSWORD });
      await expect(guest.getByRole('heading', { level: 1, name: `Welcome, ${name}` })).toBeVisible();

      // The link cannot be used twice.
      await signOut(guest);
      await guest.goto(link.pathname + link.search);
      await expect(guest.getByRole('heading', { level: 1, name: "This invitation can't be used" })).toBeVisible();
    } finally {
      await context.close();
    }

    // Back with the admin: the person is now active.
    await page.reload();
    await page.getByLabel('Search by name or email').fill(email);
    await expect(page.getByRole('row').filter({ hasText: email })).toContainText('Active');
  });
});
