import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { meMenuButton, signIn, signOut } from './support/auth';
import { DEMO_PASSWORD, DEMO_TENANT, DEMO_USERS, STRONG_PASSWORD } from './support/env';
import { FieldworkApi, uniqueStamp } from './support/fieldwork';

/**
 * The advisor's loop in a real browser: the advisor's home points at students who have not
 * started homework due this week; the gradebook, filtered to them, nudges them, extends one
 * student's due date and excuses another; then each student sees it (inbox and e-mail, the new
 * due date, the excused state). Also screenshots of a full gradebook on a laptop and a phone.
 */

/** The demo cohort whose gradebook has every status (seeded, advised by the demo advisor). */
const ACTIVITY_COHORT = 'Policy Fellows — Demo Cohort';
const REPORTS = resolve(process.cwd(), 'reports');
const MAIL_DIR = process.env['MAIL_DIR'] || resolve(REPORTS, 'mail');

interface Listed<T> {
  items: T[];
  nextCursor: string | null;
}

interface GradebookAnswer {
  students: { id: string; name: string; cells: { assignmentId: string; taskId: string; status: string; lastNudgedAt: string | null }[] }[];
}

const advisorLogin = { tenant: DEMO_TENANT, email: DEMO_USERS.advisor.email, password: DEMO_PASSWORD };
const adminLogin = { tenant: DEMO_TENANT, email: DEMO_USERS.admin.email, password: DEMO_PASSWORD };

/** YYYY-MM-DD of today + `days` in `zone` (the career center's calendar). */
function dayInZone(zone: string, days = 0): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const [y, m, d] = parts.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** "Dec 12" for a YYYY-MM-DD day (the app adds the year only outside the current one). */
function monthDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' }).format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/** A student who can sign in: invited by the admin, invitation accepted with a password. */
async function newStudent(admin: FieldworkApi, request: APIRequestContext, name: string, email: string): Promise<{ id: string; name: string; email: string }> {
  const invitation = await admin.post<{ token: string }>('/api/invitations', { email, name, role: 'student' });
  const accepted = await request.post('/api/auth/accept-invitation', { data: { token: invitation.token, name, password: STRONG_PASSWORD } });
  await expect(accepted, `accepting ${email}'s invitation`).toBeOK();
  const user = await admin.userByEmail(email);
  return { id: user.id, name, email };
}

/** Reloads until `check` passes: background work (the worker's relay and fan-out) takes a moment. */
async function eventually(page: Page, check: () => Promise<void>, timeout = 45_000): Promise<void> {
  await expect(async () => {
    // Reload only once the page has restored its session: a reload in the middle of the sign-in refresh would drop
    // the rotated cookie, and the next refresh would look like a replayed token (which ends the session).
    await expect(meMenuButton(page)).toBeVisible();
    await page.reload();
    await expect(meMenuButton(page)).toBeVisible();
    await check();
  }).toPass({ timeout, intervals: [1_000, 2_000, 3_000] });
}

/** The .eml files written to `to` (the product writes mail there when no SMTP server is set). */
function mailTo(to: string): string[] {
  if (!existsSync(MAIL_DIR)) return [];
  return readdirSync(MAIL_DIR)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => readFileSync(resolve(MAIL_DIR, f), 'utf8'))
    .filter((text) => new RegExp(`^To:.*${to.replace(/[.+]/g, '\\$&')}`, 'mi').test(text));
}

test('an advisor finds who has not started, nudges them, extends one and excuses another; the students see it', async ({ page, request, browser }) => {
  test.setTimeout(240_000);
  const stamp = uniqueStamp();

  // Setup through the API: three students who can sign in, a cohort with the demo advisor, two homework.
  const admin = await FieldworkApi.signIn(request, adminLogin);
  const advisorUser = await admin.userByEmail(DEMO_USERS.advisor.email);
  const ava = await newStudent(admin, request, `Ava Gradebook ${stamp}`, `ava.gb.${stamp}@demo.test`);
  const ben = await newStudent(admin, request, `Ben Gradebook ${stamp}`, `ben.gb.${stamp}@demo.test`);
  const cy = await newStudent(admin, request, `Cy Gradebook ${stamp}`, `cy.gb.${stamp}@demo.test`);
  const cohort = await admin.createCohort(`Gradebook loop ${stamp}`, { advisors: [advisorUser.id], students: [ava.id, ben.id, cy.id] });

  const advisor = await FieldworkApi.signIn(request, advisorLogin);
  const me = await advisor.get<{ tenant: { timezone: string } }>('/api/me');
  const zone = me.tenant.timezone;
  const templates = await advisor.get<Listed<{ id: string; title: string; archived: boolean }>>('/api/templates', { limit: '50' });
  const [first, second] = templates.items.filter((t) => !t.archived);
  expect(second, 'two templates to assign').toBeTruthy();
  const dueOn = dayInZone(zone, 4);
  const interview = await advisor.post<{ id: string; taskCount: number }>('/api/assignments', {
    templateId: first.id,
    cohortId: cohort.id,
    opensOn: dayInZone(zone, -1),
    dueOn,
  });
  expect(interview.taskCount).toBe(3);
  await advisor.post('/api/assignments', { templateId: second.id, cohortId: cohort.id, opensOn: dayInZone(zone, -1), dueOn: dayInZone(zone, 12) });
  const title = first.title;
  const newDue = dayInZone(zone, 9);
  const message = `Nudge ${stamp}: please start this week.`;

  try {
    await test.step('the advisor home names the homework due this week that no one has started', async () => {
      await signIn(page, advisorLogin);
      const attention = page.getByRole('region', { name: 'Needs your attention' });
      await expect(attention).toBeVisible();
      // The seed leaves reflections waiting; other tests may have reviewed some since.
      const reviews = attention.getByRole('link', { name: /reflections? waiting for review/ });
      if (await reviews.count()) await expect(reviews).toHaveAttribute('href', '/reviews');
      const row = attention.getByRole('listitem').filter({ hasText: cohort.name });
      await expect(row).toContainText(`due ${monthDay(dueOn)}`);
      await expectNoSeriousA11yViolations(page, 'the advisor home with needs-your-attention');
      await row.getByRole('link', { name: `3 students haven’t started ${title}` }).click();
      await expect(page).toHaveURL(new RegExp(`/cohorts/${cohort.id}/gradebook\\?assignment=${interview.id}&status=not_started`));
    });

    await test.step('the gradebook, filtered to "not started", lists the three with text badges', async () => {
      await expect(page.getByRole('heading', { level: 1, name: /Gradebook/ })).toContainText(cohort.name);
      await expect(page.getByLabel('Homework', { exact: true })).toHaveValue(interview.id);
      await expect(page.getByLabel('Status', { exact: true })).toHaveValue('not_started');
      await expect(page.locator('#gb-count')).toContainText(`3 students haven’t started “${title}”`);
      const grid = page.getByRole('table');
      await expect(grid.getByRole('columnheader', { name: new RegExp(`${escapeRegExp(title)}\\s*, Due ${monthDay(dueOn)}`) })).toBeVisible();
      for (const s of [ava, ben, cy]) {
        await expect(grid.getByRole('rowheader', { name: new RegExp(s.name) }).getByRole('link', { name: s.name })).toHaveAttribute('href', `/students/${s.id}`);
      }
      await expect(grid.getByRole('link', { name: `${ava.name}, ${title}: Not started` })).toHaveAttribute('href', /\/reviews\/[0-9a-f-]+\?cohortId=/);
      await expectNoSeriousA11yViolations(page, 'the gradebook filtered to not started');
    });

    await test.step('nudge everyone shown', async () => {
      await page.getByLabel('Choose all 3 students shown').check();
      await expect(page.locator('#gb-actions-label')).toContainText('3 chosen');
      await page.getByRole('button', { name: 'Nudge…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Nudge students' });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByLabel('Message')).toHaveValue(new RegExp(escapeRegExp(title)));
      await expectNoSeriousA11yViolations(page, 'the nudge dialog');
      await dialog.getByLabel('Message').fill(message);
      await expect(dialog).toContainText(`${message.length} / 2,000 characters`);
      await dialog.getByRole('button', { name: 'Send nudge' }).click();
      await expect(dialog).toBeHidden();
      await expect(page.locator('#gb-status')).toContainText(`Nudged 3 students about “${title}”.`);
    });

    await test.step('a second nudge within 24 hours asks first', async () => {
      await page.getByLabel(`Choose ${cy.name}`).check();
      await page.getByRole('button', { name: 'Nudge…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Nudge students' });
      await dialog.getByRole('button', { name: 'Send nudge' }).click();
      await expect(dialog).toContainText(`${cy.name} was already nudged about “${title}” in the last 24 hours`);
      await expect(dialog.getByRole('button', { name: 'Send again' })).toBeVisible();
      await dialog.getByRole('button', { name: 'Back' }).click();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
      await page.getByLabel(`Choose ${cy.name}`).uncheck();
    });

    await test.step('extend one student’s due date', async () => {
      await page.getByLabel(`Choose ${ava.name}`).check();
      await page.getByRole('button', { name: 'Extend due date…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Extend the due date' });
      await expect(dialog.getByLabel('New due date')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
      await dialog.getByLabel('New due date').fill(newDue);
      await dialog.getByLabel(/Reason/).fill('Travelling for a family wedding');
      await dialog.getByRole('button', { name: 'Extend due date' }).click();
      await expect(dialog).toBeHidden();
      await expect(page.locator('#gb-status')).toContainText(`Extended 1 student’s due date for “${title}” to ${monthDay(newDue)}`);
      await expect(page.getByRole('link', { name: new RegExp(`^${escapeRegExp(ava.name)}, ${escapeRegExp(title)}: Not started`) })).toContainText('extended');
    });

    await test.step('excuse another, with a reason', async () => {
      await page.getByLabel(`Choose ${ben.name}`).check();
      await page.getByRole('button', { name: 'Excuse…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Excuse students' });
      await dialog.getByRole('button', { name: 'Excuse', exact: true }).click();
      await expect(dialog.getByText('Give a reason')).toBeVisible();
      await dialog.getByLabel('Reason').fill('On medical leave this month');
      await dialog.getByRole('button', { name: 'Excuse', exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect(page.locator('#gb-status')).toContainText(`Excused 1 student from “${title}”.`);
      // Still filtered to "not started": Ben is gone from it.
      await expect(page.locator('#gb-count')).toContainText(`2 students haven’t started “${title}”`);
      await expect(page.getByRole('link', { name: ben.name, exact: true })).toHaveCount(0);
      await page.getByLabel('Status', { exact: true }).selectOption('excused');
      await expect(page).toHaveURL(/status=excused/);
      await expect(page.getByRole('link', { name: `${ben.name}, ${title}: Excused` })).toBeVisible();
    });

    // The students' task ids, for their pages.
    const book = await advisor.get<GradebookAnswer>(`/api/cohorts/${cohort.id}/gradebook`, { assignmentId: interview.id, limit: '10' });
    const taskOf = (id: string) => book.students.find((s) => s.id === id)?.cells.find((c) => c.assignmentId === interview.id)?.taskId ?? '';
    expect(book.students.find((s) => s.id === cy.id)?.cells.find((c) => c.assignmentId === interview.id)?.lastNudgedAt).toBeTruthy();

    await signOut(page);

    await test.step('Ava sees the nudge in her inbox and e-mail, and her new due date', async () => {
      await signIn(page, { tenant: DEMO_TENANT, email: ava.email, password: STRONG_PASSWORD });
      await page.goto('/notifications');
      await eventually(page, async () => {
        await expect(page.getByText(new RegExp(`A note from .+ about ${escapeRegExp(title)}`)).first()).toBeVisible({ timeout: 2_000 });
      });
      await expect(page.getByText(message).first()).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'the student inbox with a nudge');
      await page.goto(`/tasks/${taskOf(ava.id)}`);
      await expect(page.locator('#task-extension')).toContainText(`Extended to ${monthDay(newDue)}`);
      await expect(page.locator('#task-extension')).toContainText('Travelling for a family wedding');
      if (existsSync(MAIL_DIR)) {
        await expect.poll(() => mailTo(ava.email).filter((m) => m.includes(stamp)).length, { timeout: 60_000, message: `a nudge e-mail to ${ava.email} in ${MAIL_DIR}` }).toBeGreaterThan(0);
      } else {
        test.info().annotations.push({ type: 'e-mail', description: `No ${MAIL_DIR}: the product sends over SMTP, so the nudge e-mail was not checked here.` });
      }
      await signOut(page);
    });

    await test.step('Ben sees he is excused', async () => {
      await signIn(page, { tenant: DEMO_TENANT, email: ben.email, password: STRONG_PASSWORD });
      await page.goto(`/tasks/${taskOf(ben.id)}`);
      await expect(page.locator('#task-excused')).toContainText('Excused by your advisor: On medical leave this month');
      await expectNoSeriousA11yViolations(page, 'an excused task');
      await signOut(page);
    });

    await test.step('Cy sees the nudge too', async () => {
      await signIn(page, { tenant: DEMO_TENANT, email: cy.email, password: STRONG_PASSWORD });
      await page.goto('/notifications');
      await eventually(page, async () => {
        await expect(page.getByText(message).first()).toBeVisible({ timeout: 2_000 });
      });
      await signOut(page);
    });
  } finally {
    await admin.archiveCohort(cohort.id);
  }

  await test.step('screenshots of a full gradebook on a laptop and a phone', async () => {
    const cohorts = await advisor.get<Listed<{ id: string; name: string }>>('/api/cohorts', { limit: '200' });
    const activity = cohorts.items.find((c) => c.name === ACTIVITY_COHORT);
    expect(activity, `the seeded cohort "${ACTIVITY_COHORT}"`).toBeTruthy();
    for (const [width, height] of [
      [1366, 900],
      [390, 844],
    ] as const) {
      const context = await browser.newContext({ viewport: { width, height } });
      const tab = await context.newPage();
      try {
        await signIn(tab, advisorLogin);
        await tab.goto(`/cohorts/${activity?.id}/gradebook`);
        await expect(tab.locator('#gb-count')).toContainText('6 students');
        if (width < 600) {
          await expect(tab.locator('.gb-list__student').first()).toBeVisible();
          await expect(tab.getByRole('table')).toHaveCount(0);
        } else {
          await expect(tab.getByRole('table')).toBeVisible();
          for (const status of ['Not started', 'Overdue', 'In progress', 'Submitted', 'Needs revision', 'Approved', 'Excused']) {
            await expect(tab.locator('.badge', { hasText: status }).first()).toBeVisible();
          }
          await expect(tab.getByText('late', { exact: true }).first()).toBeVisible();
          await expect(tab.getByText('extended', { exact: true }).first()).toBeVisible();
        }
        await expectNoSeriousA11yViolations(tab, `the gradebook at ${width}×${height}`);
        await tab.screenshot({ path: resolve(REPORTS, `gradebook-${width}x${height}.png`), fullPage: true });
      } finally {
        await context.close();
      }
    }
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
