import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { mainNav, signIn } from './support/auth';
import { DEMO_PASSWORD, DEMO_TENANT, DEMO_USERS } from './support/env';

/** The demo seed's second cohort: five weeks of work, and Diego Torres with two overdue tasks. */
const ACTIVITY_COHORT = 'Policy Fellows — Demo Cohort';
const AT_RISK_STUDENT = 'Diego Torres';

async function expectChartDrawn(page: Page, name: string | RegExp): Promise<void> {
  const chart = page.getByRole('img', { name });
  await expect(chart).toBeVisible();
  // Chart.js sized the canvas and drew on it.
  await expect.poll(() => chart.evaluate((canvas: HTMLCanvasElement) => canvas.width > 0 && canvas.height > 0)).toBe(true);
  const painted = await chart.evaluate((canvas: HTMLCanvasElement) => {
    const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) return true;
    return false;
  });
  expect(painted, `${String(name)} has something drawn`).toBe(true);
}

test('the admin dashboard shows charts with text alternatives, and an at-risk student opens their page', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, { tenant: DEMO_TENANT, email: DEMO_USERS.admin.email, password: DEMO_PASSWORD });
  await mainNav(page).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page).toHaveTitle(/Dashboard · Fieldwork/);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Loading the dashboard' })).toHaveCount(0);

  await expectChartDrawn(page, /^Completion funnel: \d+ tasks assigned/);
  await expectChartDrawn(page, /^Share of tasks approved, per cohort: .*Policy Fellows/);
  await expectChartDrawn(page, /^Weekly submissions and approvals over 12 weeks/);

  // Each chart's numbers are also a table, behind a disclosure.
  const funnel = page.getByRole('region', { name: 'Completion funnel' });
  await funnel.getByText('Show the numbers').click();
  const funnelTable = funnel.getByRole('table', { name: 'Tasks by how far they got' });
  await expect(funnelTable.getByRole('rowheader', { name: 'Approved' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Network growth' }).getByRole('rowheader', { name: 'Government' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Advisor caseload' }).getByRole('rowheader', { name: 'Morgan Advisor' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'admin dashboard');

  // Narrowing to one cohort is in the URL, and shows completion per assignment.
  await page.getByLabel('Cohort', { exact: true }).selectOption({ label: ACTIVITY_COHORT });
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/\/dashboard\?cohortId=[0-9a-f-]{36}/);
  await expect(page.getByRole('heading', { level: 2, name: 'Completion per assignment' })).toBeVisible();
  await expectChartDrawn(page, /^Share of tasks approved, per assignment: .*Conduct an informational interview/);
  const backlog = page.getByRole('region', { name: 'Review backlog' });
  await expect(backlog).toContainText('2 reflections are waiting for review.');
  await expect(backlog.getByRole('link', { name: /Send a thank-you note .* by Jordan Ellis/ })).toHaveAttribute('href', /^\/reviews\/[0-9a-f-]{36}$/);

  const atRisk = page.getByRole('region', { name: 'Students at risk' });
  const row = atRisk.getByRole('row').filter({ has: page.getByRole('link', { name: AT_RISK_STUDENT }) });
  await expect(row).toContainText('Overdue work');
  await expectNoSeriousA11yViolations(page, 'dashboard of one cohort');

  await row.getByRole('link', { name: AT_RISK_STUDENT }).click();
  await expect(page).toHaveURL(/\/students\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: AT_RISK_STUDENT })).toBeVisible();
  await expect(page).toHaveTitle(`${AT_RISK_STUDENT} · Fieldwork`);
  await expect(page.getByRole('region', { name: 'Cohorts' }).getByRole('link', { name: ACTIVITY_COHORT })).toBeVisible();
  const homework = page.getByRole('region', { name: 'Homework' });
  await expect(homework.getByRole('row').filter({ hasText: 'Send a thank-you note' })).toContainText('To do · overdue');
  await expect(homework.getByRole('row')).toHaveCount(4);
  await expectNoSeriousA11yViolations(page, 'student page');

  await page.getByRole('link', { name: 'Back to the dashboard' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
});

test('an advisor sees the dashboard of the cohorts they advise', async ({ page }) => {
  await signIn(page, { tenant: DEMO_TENANT, email: DEMO_USERS.advisor.email, password: DEMO_PASSWORD });
  await mainNav(page).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('in the cohorts you advise');
  await expectChartDrawn(page, /^Completion funnel/);
  await expect(page.getByRole('region', { name: 'Students at risk' }).getByRole('link', { name: AT_RISK_STUDENT })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'advisor dashboard');
});
