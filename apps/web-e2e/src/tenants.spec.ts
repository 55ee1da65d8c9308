import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { mainNav, openMeMenu, signIn, signOut } from './support/auth';
import { OPERATOR_EMAIL, OPERATOR_PASSWORD } from './support/env';

test('operator signs in without a tenant and sees the tenants page', async ({ page }) => {
  await signIn(page, { email: OPERATOR_EMAIL, password: OPERATOR_PASSWORD });

  await expect(page).toHaveURL(/\/tenants$/);
  await expect(page).toHaveTitle(/Tenants · Fieldwork/);
  await expect(page.getByRole('heading', { level: 1, name: 'Tenants' })).toBeVisible();
  await expect(mainNav(page).getByRole('link')).toHaveText(['Tenants']);
  await expect(page.getByRole('heading', { level: 2, name: 'Create a tenant' })).toBeVisible();
  // The list has loaded (the demo tenant is there).
  await expect(page.getByRole('cell', { name: 'demo', exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'operator tenants');

  const panel = await openMeMenu(page);
  await expect(panel).toContainText(OPERATOR_EMAIL);
  await expect(panel).toContainText('Platform operator');

  await signOut(page);
});
