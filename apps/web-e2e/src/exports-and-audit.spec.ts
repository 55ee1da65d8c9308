import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { mainNav, signIn } from './support/auth';
import { DEMO_PASSWORD, DEMO_TENANT, DEMO_USERS } from './support/env';
import { FieldworkApi, localDateInput, statusLine } from './support/fieldwork';

/** The cohort the demo seed puts the demo advisor and student in. */
const DEMO_COHORT = 'Public Service Careers — Demo Cohort';

const PROGRESS_HEADER =
  'student name,student email,student id,cohort,assignment,category,status,opens,due,due on,original due,extension reason,first submitted,submitted,approved,late,excused reason';

interface Listed<T> {
  items: T[];
  nextCursor: string | null;
}

const advisor = { tenant: DEMO_TENANT, email: DEMO_USERS.advisor.email, password: DEMO_PASSWORD };
const admin = { tenant: DEMO_TENANT, email: DEMO_USERS.admin.email, password: DEMO_PASSWORD };

function auditRows(page: Page) {
  return page.locator('table.audit-table tbody tr');
}

test('an advisor requests a cohort-progress export, watches it finish and downloads the CSV', async ({ page, request }) => {
  test.setTimeout(120_000);
  // Homework in the demo cohort, so the export has rows (through the API: the flow under test is the export).
  const api = await FieldworkApi.signIn(request, advisor);
  const cohorts = await api.get<Listed<{ id: string; name: string }>>('/api/cohorts', { limit: '200' });
  const cohort = cohorts.items.find((c) => c.name === DEMO_COHORT);
  expect(cohort, `the advisor's cohort "${DEMO_COHORT}"`).toBeTruthy();
  const templates = await api.get<Listed<{ id: string; title: string; archived: boolean }>>('/api/templates', { limit: '50' });
  const template = templates.items.find((t) => !t.archived);
  expect(template, 'a template to assign').toBeTruthy();
  await api.post('/api/assignments', {
    templateId: template?.id,
    cohortId: cohort?.id,
    opensAt: new Date(Date.now() - 86_400_000).toISOString(),
    dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    // The demo cohort may have this homework already: this test is about the export.
    allowDuplicate: true,
  });

  await signIn(page, advisor);
  await mainNav(page).getByRole('link', { name: 'Exports' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Exports' })).toBeVisible();
  // Advisors cannot pick the reflections export (admins only).
  await expect(page.getByLabel('What to export').locator('option')).toHaveText([/^Cohort progress/, /^Network summary/]);

  // (Asking without a cohort is explained next to the field: see exports-page.spec.ts; an advisor of one cohort has it chosen already.)
  await page.getByLabel('What to export').selectOption({ label: 'Cohort progress (a row per student and assignment)' });
  await page.getByLabel('Cohort').selectOption({ label: DEMO_COHORT });
  const requested = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/exports' && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Request export' }).click();
  // The answer's status, not its body (Chromium may already have dropped the body of an answer the page went on from).
  expect((await requested).status()).toBe(202);
  await expect(statusLine(page, /Export requested|is ready to download/)).toBeVisible();

  // The newest export comes first; its row polls until the worker is done, then offers the file.
  const id = await page.locator('tr[data-export-id]').first().getAttribute('data-export-id');
  const row = page.locator(`tr[data-export-id="${id}"]`);
  await expect(row).toContainText('Cohort progress');
  await expect(row).toContainText(DEMO_COHORT);
  await expect(row.getByText('Ready', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(row).toContainText(/\d+ rows?/);
  await expect(row).toContainText(/\d+(\.\d)? (B|KB|MB)/);
  await expectNoSeriousA11yViolations(page, 'the exports page');

  const downloading = page.waitForEvent('download');
  await row.getByRole('button', { name: /^Download/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^cohort-progress-public-service-careers-demo-cohort-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await readFile(await download.path())).toString('utf8').replace(/^\uFEFF/, '');
  const lines = csv.trimEnd().split('\n');
  expect(lines[0]).toBe(PROGRESS_HEADER);
  const studentRow = lines.find((line) => line.includes(DEMO_USERS.student.email));
  expect(studentRow, 'a row for the demo student').toBeTruthy();
  expect(studentRow).toContain(DEMO_COHORT);
  expect(studentRow).toContain(template?.title ?? '');
  expect(studentRow).toMatch(/,(assigned|in_progress|submitted|revision_requested|approved|excused),/);
});

test('an admin reads the audit log: events in words, filters, load more', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, admin);
  await mainNav(page).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(auditRows(page).first()).toBeVisible();
  // Newest first: the admin's own sign-in of a moment ago is on the first page.
  await expect(auditRows(page).filter({ hasText: 'Signed in' }).filter({ hasText: DEMO_USERS.admin.email }).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the audit log');

  // "Load more" appends older events (the demo tenant has more than a page after a few runs).
  const loadMore = page.getByRole('button', { name: 'Load more events' });
  if (await loadMore.isVisible()) {
    const before = await auditRows(page).count();
    await loadMore.click();
    await expect.poll(() => auditRows(page).count()).toBeGreaterThan(before);
  }

  // By action: the export the advisor downloaded, in words, with its details.
  await page.getByLabel('Action').selectOption({ label: 'Export downloaded' });
  await expect(statusLine(page, /Showing \d+ events?/)).toBeVisible();
  const downloaded = auditRows(page);
  await expect(downloaded.first()).toContainText('Export downloaded');
  await expect(downloaded.first()).toContainText('Export: Cohort progress');
  expect(await downloaded.filter({ hasNotText: 'Export downloaded' }).count()).toBe(0);

  // By person as well: only the advisor's downloads.
  const advisorOption = page.getByLabel('Person').locator('option', { hasText: DEMO_USERS.advisor.email });
  await page.getByLabel('Person').selectOption((await advisorOption.getAttribute('value')) ?? '');
  await expect(statusLine(page, /Showing \d+ events?/)).toBeVisible();
  expect(await auditRows(page).filter({ hasNotText: DEMO_USERS.advisor.email }).count()).toBe(0);
  await expect(auditRows(page).first()).toContainText(DEMO_USERS.advisor.email);

  // A date range with nothing in it, then back.
  await page.getByLabel('From').fill(localDateInput(2));
  await expect(page.getByText('No events match these filters.').first()).toBeVisible();
  // A range that ends before it starts is explained, not silently empty.
  await page.getByLabel('To').fill(localDateInput(1));
  await expect(page.getByRole('alert')).toContainText(/The end date is before the start date/);
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(auditRows(page).first()).toBeVisible();
  await expect(page.getByLabel('Action')).toHaveValue('');
  await expectNoSeriousA11yViolations(page, 'the audit log after filtering');
});
