import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { signIn } from './support/auth';
import { DEMO_PASSWORD, DEMO_TENANT, DEMO_USERS } from './support/env';

const footerLink = (page: import('@playwright/test').Page) => page.getByRole('contentinfo').getByRole('link', { name: /Privacy/ });

test('signed out: the footer leads to the privacy page, which asks for the career center and then shows its periods', async ({ page }) => {
  await page.goto('/sign-in');
  await footerLink(page).click();
  await expect(page).toHaveURL(/\/privacy/);
  await expect(page.getByRole('heading', { level: 1, name: 'Privacy' })).toBeVisible();
  await page.getByLabel('Career center code').fill(DEMO_TENANT);
  await page.getByRole('button', { name: 'Show its privacy page' }).click();
  await expect(page).toHaveURL(new RegExp(`tenant=${DEMO_TENANT}`));
  await expect(page.getByRole('heading', { level: 2, name: 'What we keep, and for how long' })).toBeVisible();
  await expect(page.getByText(/Your reflections .* are kept for \d+ (years|months?) after your cohort ends/)).toBeVisible();
  await expect(page.getByText('Your contacts are private. Advisors see a contact only if you share it with them.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the privacy page, signed out');

  // A direct link with the career center works too.
  await page.goto(`/privacy?tenant=${DEMO_TENANT}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Who sees what' })).toBeVisible();
});

test('signed in: the footer is on every page; the privacy page follows the admin’s retention settings', async ({ page }) => {
  await signIn(page, { tenant: DEMO_TENANT, email: DEMO_USERS.admin.email, password: DEMO_PASSWORD });
  await page.goto('/settings');
  const retention = page.locator('form', { has: page.getByRole('heading', { name: 'Data retention' }) });
  await expect(retention).toBeVisible();
  await expect(page.locator('#retention-preview')).toContainText('Next run');
  await expect(page.locator('#retention-preview')).toContainText('In 30 days');
  const field = retention.getByLabel('Inactive student accounts (months)');
  const before = await field.inputValue();
  const months = before === '30' ? '31' : '30';
  await field.fill(months);
  await retention.getByRole('button', { name: 'Save retention periods' }).click();
  await expect(retention.getByRole('status')).toContainText('Saved.');
  await expectNoSeriousA11yViolations(page, 'Settings with data retention');

  await footerLink(page).click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.getByText(new RegExp(`Your account .* is erased ${months} months after your last cohort ends`))).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to Settings' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the privacy page, signed in');

  // Put the demo's period back for the other tests.
  await page.goto('/settings');
  await page.locator('form', { has: page.getByRole('heading', { name: 'Data retention' }) }).getByLabel('Inactive student accounts (months)').fill(before);
  await page.getByRole('button', { name: 'Save retention periods' }).click();
  await expect(page.locator('#retention-status')).toContainText('Saved.');
});
