import { expect, test, type APIRequestContext } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { mainNav, signIn, signOut, submitSignIn } from './support/auth';
import { DEMO_PASSWORD, DEMO_TENANT, DEMO_USERS, STRONG_PASSWORD } from './support/env';
import { FieldworkApi, statusLine, uniqueStamp } from './support/fieldwork';

const admin = { tenant: DEMO_TENANT, email: DEMO_USERS.admin.email, password: DEMO_PASSWORD };

/** A fresh student of the demo career center (the demo student is left alone for the other tests). */
async function freshStudent(request: APIRequestContext): Promise<{ email: string; name: string }> {
  const stamp = uniqueStamp();
  const email = `erase.${stamp}@demo.test`.toLowerCase();
  const name = `Esme Erasable ${stamp}`;
  const api = await FieldworkApi.signIn(request, admin);
  const invitation = await api.post<{ token: string }>('/api/invitations', { email, name, role: 'student' });
  const accepted = await request.post('/api/auth/accept-invitation', { data: { token: invitation.token, name, password: STRONG_PASSWORD } });
  await expect(accepted, 'the student accepts the invitation').toBeOK();
  return { email, name };
}

test('a student downloads their data and asks to delete their account; an admin approves; the student can no longer sign in', async ({ page, request }) => {
  test.setTimeout(180_000);
  const student = await freshStudent(request);
  const credentials = { tenant: DEMO_TENANT, email: student.email, password: STRONG_PASSWORD };

  // The student: a copy of their data first.
  await signIn(page, credentials);
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.getByRole('button', { name: /download my data/i }).click();
  const ready = page.getByRole('button', { name: /^Download \(ZIP/ });
  await expect(ready).toBeVisible({ timeout: 60_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), ready.click()]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);

  // Then "Delete my account": what happens, a confirmation, the pending request.
  const card = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Delete my account' }) });
  await expect(card.getByText(/can no longer sign in/)).toBeVisible();
  await card.getByRole('button', { name: 'Delete my account…' }).click();
  await expect(card.getByRole('heading', { name: 'Delete your account?' })).toBeFocused();
  await card.getByLabel(/Why/).fill('I finished the program.');
  await expectNoSeriousA11yViolations(page, 'the delete-my-account confirmation');
  await card.getByRole('button', { name: 'Yes, ask to delete my account' }).click();
  await expect(card.locator('#deletion-pending')).toContainText('An administrator has not approved it yet');
  await expect(statusLine(card, /sent to your career center/)).toBeVisible();
  await expect(card.getByRole('button', { name: 'Cancel my deletion request' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'Settings with a pending deletion request');
  await signOut(page);

  // The admin: People → Deletion requests, what will happen, approve with a confirmation, status until erased.
  await signIn(page, admin);
  await mainNav(page).getByRole('link', { name: 'People' }).click();
  await page.getByRole('link', { name: 'Deletion requests' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Deletion requests' })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(student.name) });
  await expect(row).toContainText('Waiting for approval');
  await expect(row).toContainText('0 contacts');
  await expect(row).toContainText('I finished the program.');
  await expectNoSeriousA11yViolations(page, 'the deletion requests page');
  await row.getByRole('button', { name: /Approve/ }).click();
  const question = row.locator('p[tabindex="-1"]');
  await expect(question).toContainText(`Erase ${student.name}’s account?`);
  await expect(question).toBeFocused();
  // The request's id from its row (the row's name changes once erased); the answer's status, not its
  // body (Chromium may already have dropped the body of an answer the page went on from).
  const id = await row.getAttribute('data-request');
  const approved = page.waitForResponse((r) => /\/api\/deletion-requests\/[^/]+\/approve$/.test(new URL(r.url()).pathname));
  await row.getByRole('button', { name: 'Yes, erase the account' }).click();
  expect((await approved).status()).toBe(202);
  // The worker erases it; the page looks again until it is done (the row's name is then "Deleted user #…").
  const erased = page.locator(`tr[data-request="${id}"]`);
  await expect(erased).toContainText('Erased', { timeout: 60_000 });
  await expect(erased).toContainText('Deleted user #');
  await expect(page.getByRole('row', { name: new RegExp(student.name) })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'the deletion requests page after erasure');
  await signOut(page);

  // The student can no longer sign in: the usual plain-word refusal.
  await submitSignIn(page, credentials);
  await expect(page.getByRole('alert')).toContainText("We couldn't sign you in. Check the career center, e-mail and password.");
  await expect(page).toHaveURL(/\/sign-in/);
});
