import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { mainNav, signIn } from './support/auth';
import { DEMO_PASSWORD, DEMO_TENANT, DEMO_USERS } from './support/env';
import { uniqueStamp } from './support/fieldwork';

const HEADER = 'email,name,student_id,cohort';

function csvFile(name: string, lines: string[]): { name: string; mimeType: string; buffer: Buffer } {
  return { name, mimeType: 'text/csv', buffer: Buffer.from([HEADER, ...lines].join('\r\n') + '\r\n', 'utf8') };
}

async function openRoster(page: Page): Promise<void> {
  await mainNav(page).getByRole('link', { name: 'Roster import' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import a roster' })).toBeVisible();
}

test('admin: a new term’s roster syncs — the check shows added, updated and unchanged rows, the import does it, the history keeps it', async ({ page }) => {
  const stamp = uniqueStamp();
  const cohort = `E2E Sync ${stamp}`;
  const email = (who: string) => `e2e-sync-${stamp}-${who}@demo.test`;

  await signIn(page, { tenant: DEMO_TENANT, email: DEMO_USERS.admin.email, password: DEMO_PASSWORD });
  await openRoster(page);
  const fileInput = page.getByLabel('Roster file (CSV)');
  await fileInput.setInputFiles(csvFile('fall.csv', [`${email('ada')},Ada Sync ${stamp},,${cohort}`, `${email('ben')},Ben S. ${stamp},,${cohort}`]));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Roster imported' })).toBeVisible();
  await expect(page.getByText('Rows: 2 added, 0 updated, 0 unchanged.')).toBeVisible();

  // The new term: Ada as before, Ben with his full name and student id, Cy is new. Removal is off by default.
  await fileInput.setInputFiles(
    csvFile('spring.csv', [`${email('ada')},Ada Sync ${stamp},,${cohort}`, `${email('ben')},Ben Sync ${stamp},B${stamp},${cohort}`, `${email('cy')},Cy Sync ${stamp},C${stamp},${cohort}`]),
  );
  await expect(page.getByLabel('Also remove students who are not in the file from the file\'s cohorts')).not.toBeChecked();
  await page.getByRole('button', { name: 'Check file' }).click();
  const good = page.getByRole('heading', { level: 2, name: 'The file looks good' });
  await expect(good).toBeFocused();
  await expect(page.getByText('Rows: 1 added, 1 updated, 1 unchanged.')).toBeVisible();
  const outcomes = page.locator('table.roster-outcomes');
  await expect(outcomes.getByRole('columnheader')).toHaveText(['Line', 'Email', 'Outcome', 'Changes']);
  const rows = outcomes.locator('tbody').getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('Unchanged');
  await expect(rows.nth(1)).toContainText('Updated');
  await expect(rows.nth(1).getByRole('listitem')).toHaveText([`name: "Ben S. ${stamp}" → "Ben Sync ${stamp}"`, `student_id: (none) → "B${stamp}"`]);
  await expect(rows.nth(2)).toContainText('Added');
  await expect(rows.nth(2)).toContainText(email('cy'));
  await expectNoSeriousA11yViolations(page, 'roster sync dry run');

  // With the box ticked, the check also lists who would leave the cohort: nobody here, everyone is in the file.
  await page.getByLabel('Also remove students who are not in the file from the file\'s cohorts').check();
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'To remove from their cohorts' })).toBeVisible();
  await expect(page.getByText('Everyone in the file\'s cohorts is in the file: no one would be removed.')).toBeVisible();
  await page.getByLabel('Also remove students who are not in the file from the file\'s cohorts').uncheck();

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Roster imported' })).toBeVisible();
  await expect(page.getByText('Imported 3 rows: created 1 student, 0 cohorts and 1 cohort membership.')).toBeVisible();

  const history = page.getByRole('region', { name: 'Import history' });
  const entries = history.locator('tbody').getByRole('row');
  await expect(entries.nth(0)).toContainText('Imported');
  await expect(entries.nth(0)).toContainText('3 · 1 added, 1 updated, 1 unchanged');
  await expect(entries.nth(1)).toContainText('Checked: looks good');
  await expectNoSeriousA11yViolations(page, 'roster sync after import, with history');
  await page.screenshot({ path: `test-results/roster-sync-${stamp}.png`, fullPage: true });
});

test('admin: makes an API token (shown once, with the nightly curl) and revokes it', async ({ page, context }) => {
  const stamp = uniqueStamp();
  const name = `E2E nightly ${stamp}`;
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page, { tenant: DEMO_TENANT, email: DEMO_USERS.admin.email, password: DEMO_PASSWORD });
  await openRoster(page);
  await page.getByRole('link', { name: 'API token' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API tokens' })).toBeVisible();

  await page.getByRole('button', { name: 'Make token' }).click();
  await expect(page.getByText('Say what the token is for')).toBeVisible();
  await page.getByLabel('What is it for?').fill(name);
  await page.getByRole('button', { name: 'Make token' }).click();
  await expect(page.getByText(`Token “${name}” made. Copy it now: it is not shown again.`)).toBeVisible();
  const token = await page.getByLabel('Token', { exact: true }).inputValue();
  expect(token).toMatch(/^fwt_[A-Za-z0-9_-]{64}$/);
  await expect(page.getByLabel('Example: send the roster with curl')).toContainText(`Authorization: Bearer ${token}`);
  await page.getByRole('button', { name: 'Copy token' }).click();
  await expect(page.getByText('Copied.')).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText(`fwt_…${token.slice(-4)}`);
  await expect(row).toContainText('Active');
  await expect(row).toContainText('Never');
  await expectNoSeriousA11yViolations(page, 'api tokens with a new token');
  await page.screenshot({ path: `test-results/api-tokens-${stamp}.png`, fullPage: true });

  // The token works on the roster import (a dry run) until it is revoked.
  const check = async () => {
    const form = new FormData();
    form.append('file', new Blob([`${HEADER}\ne2e-token-${stamp}@demo.test,Token Person,,E2E Token ${stamp}\n`], { type: 'text/csv' }), 'roster.csv');
    return (await fetch(new URL('/api/rosters/import?dryRun=true', page.url()), { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })).status;
  };
  expect(await check()).toBe(200);

  await row.getByRole('button', { name: `Revoke… ${name}` }).click();
  await expect(page.getByText('Scripts using it stop working at once.')).toBeVisible();
  await page.getByRole('button', { name: 'Yes, revoke it' }).click();
  await expect(page.getByText(`Revoked “${name}”: it no longer works.`)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText('Revoked');
  expect(await check()).toBe(401);
});
