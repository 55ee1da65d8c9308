import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { signIn } from './support/auth';
import { DEMO_PASSWORD, DEMO_TENANT, DEMO_USERS } from './support/env';
import { FieldworkApi, statusLine, uniqueStamp } from './support/fieldwork';

const admin = { tenant: DEMO_TENANT, email: DEMO_USERS.admin.email, password: DEMO_PASSWORD };

test.describe('access and messages', () => {
  test("a student or advisor opening a page they may not see is told so, at that address, with a way home", async ({ page }) => {
    await signIn(page, { tenant: DEMO_TENANT, email: DEMO_USERS.student.email, password: DEMO_PASSWORD });
    await page.goto('/people');
    await expect(page.getByRole('heading', { level: 1, name: "You don't have access to this page" })).toBeVisible();
    await expect(page).toHaveURL(/\/people$/);
    await expect(page).toHaveTitle("You don't have access to this page · Fieldwork");
    await expect(page.getByRole('main')).toContainText("You're signed in as a student.");
    await expectNoSeriousA11yViolations(page, 'no access (student on /people)');
    await page.getByRole('link', { name: 'Go to your home page' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1, name: "You don't have access to this page" })).toHaveCount(0);

    await page.context().clearCookies();
    await signIn(page, { tenant: DEMO_TENANT, email: DEMO_USERS.advisor.email, password: DEMO_PASSWORD });
    await page.goto('/audit');
    await expect(page.getByRole('heading', { level: 1, name: "You don't have access to this page" })).toBeVisible();
    await expect(page).toHaveURL(/\/audit$/);
    await expect(page.getByRole('main')).toContainText("You're signed in as an advisor.");
  });

  test('making someone an administrator or deactivating them asks first', async ({ page, request }) => {
    const api = await FieldworkApi.signIn(request, admin);
    const stamp = uniqueStamp();
    const email = `e2e-promote-${stamp}@demo.test`;
    const name = `Pat Promote ${stamp}`;
    await api.post('/api/invitations', { email, name, role: 'student' });

    await signIn(page, admin);
    await page.goto('/people');
    await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
    await page.getByLabel('Search by name or email').fill(email);
    const row = page.getByRole('row').filter({ hasText: email });
    await expect(row).toHaveCount(1);
    const role = row.getByLabel(`Role for ${name}`);

    // One select change no longer makes an administrator: it asks.
    await role.selectOption('admin');
    const confirm = page.getByRole('group', { name: `Make ${name} an administrator?` });
    await expect(confirm).toBeVisible();
    await expect(confirm).toContainText('change anyone');
    await expect(page.getByRole('heading', { name: `Make ${name} an administrator?` })).toBeFocused();
    await expectNoSeriousA11yViolations(page, 'people, confirming a new administrator');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toHaveCount(0);
    await expect(role).toHaveValue('student');
    await expect(statusLine(page, `Nothing changed for ${name}.`)).toBeVisible();
    expect((await api.userByEmail(email)).role).toBe('student');

    await role.selectOption('admin');
    await page.getByRole('group', { name: `Make ${name} an administrator?` }).getByRole('button', { name: 'Yes, make administrator' }).click();
    await expect(statusLine(page, `${name} is now an administrator.`)).toBeVisible();
    expect((await api.userByEmail(email)).role).toBe('admin');

    // Back to student: no question for a change that takes rights away.
    await role.selectOption('student');
    await expect(statusLine(page, `${name} is now a student.`)).toBeVisible();

    await row.getByRole('button', { name: `Deactivate ${name}` }).click();
    const deactivate = page.getByRole('group', { name: `Deactivate ${name}?` });
    await expect(deactivate).toContainText('can no longer sign in');
    await expectNoSeriousA11yViolations(page, 'people, confirming a deactivation');
    await deactivate.getByRole('button', { name: 'Yes, deactivate' }).click();
    await expect(statusLine(page, `${name} is deactivated and can no longer sign in.`)).toBeVisible();
    const after = await api.get<{ items: { email: string; active: boolean }[] }>('/api/users', { q: email });
    expect(after.items.find((user) => user.email === email)?.active).toBe(false);
  });

  test('sign-in errors are in plain words', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Career center').fill(DEMO_TENANT);
    await page.getByLabel('Email address').fill(DEMO_USERS.student.email);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText("We couldn't sign you in. Check the career center, e-mail and password.");
  });
});
