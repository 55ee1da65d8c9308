import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { mainNav, signIn } from './support/auth';
import { DEMO_PASSWORD, DEMO_TENANT, DEMO_USERS } from './support/env';
import { statusLine, uniqueStamp } from './support/fieldwork';

const HEADER = 'email,name,student_id,cohort';

function csvFile(name: string, lines: string[]): { name: string; mimeType: string; buffer: Buffer } {
  return { name, mimeType: 'text/csv', buffer: Buffer.from([HEADER, ...lines].join('\r\n') + '\r\n', 'utf8') };
}

/** Searches the People page and waits for the (debounced) answer. */
async function searchPeople(page: Page, text: string): Promise<void> {
  await mainNav(page).getByRole('link', { name: 'People' }).click();
  await expect(page).toHaveTitle(/People · Fieldwork/);
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  await expect(statusLine(page, /^Showing \d+ (person|people)/)).toBeVisible();
  await page.getByLabel('Search by name or email').fill(text);
  await expect(statusLine(page, /^\d+ (person matches|people match)/)).toBeVisible();
}

async function openRosterImport(page: Page): Promise<void> {
  await mainNav(page).getByRole('link', { name: 'Roster import' }).click();
  await expect(page).toHaveTitle(/Roster import · Fieldwork/);
  await expect(page.getByRole('heading', { level: 1, name: 'Import a roster' })).toBeVisible();
}

test('admin: a bad roster is refused row by row and imports nobody; a good one passes the dry run', async ({ page }) => {
  const stamp = uniqueStamp();
  const cohort = `E2E Roster ${stamp}`;
  const otherCohort = `E2E Roster B ${stamp}`;
  const email = (who: string) => `e2e-roster-${stamp}-${who}@demo.test`;

  await signIn(page, { tenant: DEMO_TENANT, email: DEMO_USERS.admin.email, password: DEMO_PASSWORD });
  await expectNoSeriousA11yViolations(page, 'admin home');
  await openRosterImport(page);
  await expect(page.getByRole('table', { name: 'Example' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'roster import');

  // A file with a bad e-mail (line 3) and a duplicate of line 2 (line 5); lines 2 and 4 are fine.
  const fileInput = page.getByLabel('Roster file (CSV)');
  await fileInput.setInputFiles(
    csvFile('bad-roster.csv', [
      `${email('ada')},Ada Roster ${stamp},,${cohort}`,
      `not-an-email-${stamp},Bad Roster ${stamp},,${cohort}`,
      `${email('grace')},Grace Roster ${stamp},,${cohort}`,
      `${email('ada')},Ada Roster ${stamp},,${cohort}`,
    ]),
  );
  await page.getByRole('button', { name: 'Import', exact: true }).click();

  const result = page.getByRole('heading', { level: 2, name: '2 rows have problems' });
  await expect(result).toBeVisible();
  await expect(result).toBeFocused();
  await expect(page.getByText('Nothing was imported. Fix these rows and upload the file again.')).toBeVisible();
  const errors = page.getByRole('table', { name: 'Rows with problems' });
  await expect(errors.getByRole('columnheader')).toHaveText(['Line', 'Email', 'Problems']);
  const rows = errors.locator('tbody').getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByRole('rowheader')).toHaveText('3');
  await expect(rows.nth(0)).toContainText(`not-an-email-${stamp}`);
  await expect(rows.nth(0).getByRole('listitem')).toHaveText([`bad email "not-an-email-${stamp}"`]);
  await expect(rows.nth(1).getByRole('rowheader')).toHaveText('5');
  await expect(rows.nth(1)).toContainText(email('ada'));
  await expect(rows.nth(1).getByRole('listitem')).toHaveText(['duplicate in file (same person and cohort as line 2)']);
  await expectNoSeriousA11yViolations(page, 'roster import with row errors');

  // Nobody from the file was created, not even the good rows.
  await searchPeople(page, stamp);
  await expect(statusLine(page, '0 people match.')).toBeVisible();
  await expect(page.getByText('No one matches these filters.')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: email('ada') })).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: email('grace') })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'people search with no match');

  // A good file, checked only: the counts of what an import would create.
  await openRosterImport(page);
  await fileInput.setInputFiles(
    csvFile('good-roster.csv', [
      `${email('ada')},Ada Roster ${stamp},A${stamp},${cohort}`,
      `${email('grace')},Grace Roster ${stamp},G${stamp},${cohort}`,
      `${email('ada')},Ada Roster ${stamp},A${stamp},${otherCohort}`,
    ]),
  );
  await page.getByRole('button', { name: 'Check file' }).click();
  const good = page.getByRole('heading', { level: 2, name: 'The file looks good' });
  await expect(good).toBeVisible();
  await expect(good).toBeFocused();
  await expect(
    page.getByText('All 3 rows are fine. Importing it would create 2 students, 2 cohorts and 3 cohort memberships.'),
  ).toBeVisible();
  await expect(page.getByText('Nothing has been imported yet: choose “Import” to do it.')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Rows with problems' })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'roster import after a dry run');

  // A dry run writes nothing either.
  await searchPeople(page, stamp);
  await expect(statusLine(page, '0 people match.')).toBeVisible();
});
