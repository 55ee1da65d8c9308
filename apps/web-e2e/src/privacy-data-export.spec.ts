import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { signIn } from './support/auth';
import { DEMO_PASSWORD, DEMO_TENANT, DEMO_USERS, STRONG_PASSWORD } from './support/env';
import { FieldworkApi, uniqueStamp } from './support/fieldwork';

const admin = { tenant: DEMO_TENANT, email: DEMO_USERS.admin.email, password: DEMO_PASSWORD };

test('a student downloads a copy of their data from Settings: progress, then a ZIP with its size and last day', async ({ page, request }) => {
  test.setTimeout(120_000);
  // A fresh student of the demo career center with one contact of their own.
  const stamp = uniqueStamp();
  const email = `mydata.${stamp}@demo.test`;
  const name = `Dana Download ${stamp}`;
  const api = await FieldworkApi.signIn(request, admin);
  const invitation = await api.post<{ token: string }>('/api/invitations', { email, name, role: 'student' });
  await expect(await request.post('/api/auth/accept-invitation', { data: { token: invitation.token, name, password: STRONG_PASSWORD } })).toBeOK();
  const credentials = { tenant: DEMO_TENANT, email, password: STRONG_PASSWORD };
  const student = await FieldworkApi.signIn(request, credentials);
  await student.post('/api/contacts', { name: `Priya Planner ${stamp}`, organization: 'City Planning' });

  await signIn(page, credentials);
  await page.goto('/settings');
  const card = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Your data' }) });
  await expect(card.getByText('Download a copy of everything Fieldwork keeps about you')).toBeVisible();
  await card.getByText('What is in the ZIP').click();
  await expect(card.getByText('tasks.json')).toBeVisible();

  await card.getByRole('button', { name: 'Download my data' }).click();
  const ready = card.getByRole('button', { name: /^Download \(ZIP, [\d.]+ (B|KB|MB)\)$/ });
  await expect(ready).toBeVisible({ timeout: 60_000 });
  await expect(card.getByText(/available until [A-Z][a-z]{2} \d{1,2}/)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'Settings with a copy of my data ready');

  const [download] = await Promise.all([page.waitForEvent('download'), ready.click()]);
  expect(download.suggestedFilename()).toMatch(/^fieldwork-my-data-\d{4}-\d{2}-\d{2}\.zip$/);
  const zip = await readFile((await download.path()) ?? '');
  expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(zip.length).toBeGreaterThan(500);

  // The copy is still there after a reload, with its size and last day.
  await page.reload();
  await expect(card.getByRole('button', { name: /^Download \(ZIP/ })).toBeVisible();
});
