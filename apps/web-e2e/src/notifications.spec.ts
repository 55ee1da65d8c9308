import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { meMenuButton, openMeMenu, signIn } from './support/auth';
import { DEMO_PASSWORD, DEMO_TENANT, DEMO_USERS, OPERATOR_EMAIL, OPERATOR_PASSWORD } from './support/env';
import { FieldworkApi, statusLine } from './support/fieldwork';

/** The cohort the demo seed puts the demo advisor and student in. */
const DEMO_COHORT = 'Public Service Careers — Demo Cohort';

interface Listed<T> {
  items: T[];
  nextCursor: string | null;
}

const student = { tenant: DEMO_TENANT, email: DEMO_USERS.student.email, password: DEMO_PASSWORD };

/** The header bell: a link named "Notifications" or "Notifications, 3 unread". */
function bell(page: Page): Locator {
  return page.getByRole('banner').getByRole('link', { name: /^Notifications(, \d+ unread)?$/ });
}

/** The unread count in the bell's accessible name (0 when it names none). */
async function unreadOf(bellLink: Locator): Promise<number> {
  const label = (await bellLink.getAttribute('aria-label')) ?? '';
  const match = /, (\d+) unread$/.exec(label);
  return match ? Number(match[1]) : 0;
}

/** The one item matching, or a failed test saying what was missing. */
function theOne<T>(items: T[], match: (item: T) => boolean, what: string): T {
  const found = items.find(match);
  if (!found) throw new Error(`Expected ${what}`);
  return found;
}

function bellName(count: number): string {
  return count ? `Notifications, ${count} unread` : 'Notifications';
}

test('new homework reaches the student: bell count, inbox, task page', async ({ page, request }) => {
  test.setTimeout(150_000);

  // The demo advisor's cohort and a template, through the API.
  const advisor = await FieldworkApi.signIn(request, {
    tenant: DEMO_TENANT,
    email: DEMO_USERS.advisor.email,
    password: DEMO_PASSWORD,
  });
  const cohorts = await advisor.get<Listed<{ id: string; name: string }>>('/api/cohorts', { limit: '200' });
  const cohort = theOne(cohorts.items, (c) => c.name === DEMO_COHORT, `the advisor's cohort "${DEMO_COHORT}"`);
  const templates = await advisor.get<Listed<{ id: string; title: string; archived: boolean }>>('/api/templates', {
    limit: '50',
  });
  const template = theOne(templates.items, (t) => !t.archived, 'a template to assign');

  // The unread count before is the baseline (earlier runs may have left some); read through the API, not a response
  // the page may already have navigated away from.
  const studentApi = await FieldworkApi.signIn(request, student);
  const before = (await studentApi.get<{ unreadCount: number }>('/api/notifications', { limit: '1' })).unreadCount;
  await signIn(page, student);
  await expect(bell(page)).toHaveAttribute('aria-label', bellName(before));

  const now = Date.now();
  const assignment = await advisor.post<{ id: string; taskCount: number }>('/api/assignments', {
    templateId: template.id,
    cohortId: cohort.id,
    opensAt: new Date(now - 60 * 60_000).toISOString(),
    dueAt: new Date(now + 7 * 24 * 60 * 60_000).toISOString(),
    // Each run assigns again: the duplicate check is the assign page's to show, not this test's.
    allowDuplicate: true,
  });
  try {
    expect(assignment.taskCount).toBeGreaterThan(0);
    const tasks = await advisor.get<Listed<{ id: string }>>('/api/tasks', { assignmentId: assignment.id, limit: '200' });
    const taskIds = tasks.items.map((t) => t.id);
    expect(taskIds.length).toBeGreaterThan(0);
    const title = `New homework: ${template.title}`;

    let after = 0;
    await test.step('the bell shows the new notification within 30 s', async () => {
      // The worker relays the event; reload every few seconds rather than wait for the 60 s poll.
      await expect(async () => {
        // Reload only once the session is restored (a reload mid-refresh would drop the rotated cookie).
        await expect(meMenuButton(page)).toBeVisible();
        await page.reload();
        await expect(bell(page)).toHaveAttribute('aria-label', /unread$/, { timeout: 3_000 });
        after = await unreadOf(bell(page));
        expect(after).toBeGreaterThan(before);
      }).toPass({ timeout: 30_000, intervals: [1_000, 2_000, 3_000] });
      await expect(bell(page).locator('.bell__badge')).toHaveText(after > 99 ? '99+' : String(after));
    });

    // This run's notification: its link goes to one of this assignment's tasks (only the student's own shows).
    const ours = page.locator(taskIds.map((id) => `a[href="/tasks/${id}"]`).join(', '));
    const ourItem = page.getByRole('listitem').filter({ has: ours });

    await test.step('the inbox lists it as unread', async () => {
      await bell(page).click();
      await expect(page).toHaveURL(/\/notifications$/);
      await expect(page).toHaveTitle('Notifications · Fieldwork');
      await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
      await expect(ours).toHaveCount(1);
      await expect(ours).toHaveText(title);
      await expect(ourItem).toContainText('Unread');
      await expect(ourItem).toContainText('Due ');
      await expect(bell(page)).toHaveAttribute('aria-current', 'page');
      await expectNoSeriousA11yViolations(page, 'notifications inbox');
    });

    await test.step('"Unread only" keeps it; opening it marks it read and goes to the task', async () => {
      const unreadOnly = page.getByRole('checkbox', { name: 'Unread only' });
      await unreadOnly.check();
      await expect(statusLine(page, /unread notification/i)).toBeVisible();
      await expect(ours).toHaveCount(1);

      after = await unreadOf(bell(page));
      const href = await ours.getAttribute('href');
      await ours.click();
      await expect(page).toHaveURL(new RegExp(`${href}$`));
      await expect(page.getByRole('heading', { level: 1, name: template.title })).toBeVisible();
      await expect(bell(page)).toHaveAttribute('aria-label', bellName(after - 1));

      await bell(page).click();
      await expect(unreadOnly).not.toBeChecked();
      await expect(ours).toHaveCount(1);
      await expect(ourItem).not.toContainText('Unread');

      await unreadOnly.check();
      await expect(statusLine(page, /unread notification/i)).toBeVisible();
      await expect(ours).toHaveCount(0);
    });

    await test.step('mark all as read', async () => {
      await page.getByRole('button', { name: 'Mark all as read' }).click();
      await expect(statusLine(page, 'All notifications are marked as read.')).toBeVisible();
      await expect(page.getByText("You're all caught up.")).toBeVisible();
      await expect(bell(page)).toHaveAttribute('aria-label', 'Notifications');
      await expectNoSeriousA11yViolations(page, 'notifications inbox, all caught up');
    });
  } finally {
    // Keep the shared demo cohort from piling up homework across runs.
    await advisor.patch(`/api/assignments/${assignment.id}`, { archived: true });
  }
});

test('settings: the calendar feed link can be copied and replaced', async ({ page, context, request }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page, student);
  const panel = await openMeMenu(page);
  await panel.getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page).toHaveTitle('Settings · Fieldwork');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Calendar' })).toBeVisible();

  // The link is shown once, when it is made (only its hash is kept): the first visit shows it, a later one says since when it works.
  const feed = page.getByRole('textbox', { name: 'Your calendar link' });
  const made = page.locator('#calendar-made');
  await expect(feed.or(made)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'settings');

  const newLink = async () => {
    await page.getByRole('button', { name: 'Get a new link' }).click();
    const confirm = page.getByRole('group', { name: 'Get a new calendar link?' });
    await expect(confirm).toContainText('stops working');
    await confirm.getByRole('button', { name: 'Yes, get a new link' }).click();
    await expect(statusLine(page, /New link ready/)).toBeVisible();
    await expect(feed).toHaveValue(/\/api\/calendar\/[^/]+\.ics$/);
    await expect(feed).toHaveAttribute('readonly', '');
    await expect(feed).toBeFocused();
    return feed.inputValue();
  };
  const oldUrl = await newLink();
  // The link carries the server's public URL; fetch it from the instance under test.
  const oldPath = new URL(oldUrl).pathname;
  const ics = await request.get(oldPath);
  expect(ics.status()).toBe(200);
  expect(await ics.text()).toContain('BEGIN:VCALENDAR');
  await expectNoSeriousA11yViolations(page, 'settings, a new link');

  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(statusLine(page, /^Copied/)).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(oldUrl);

  // Back later: the link is not shown again, and it still works.
  await page.reload();
  await expect(made).toContainText('shown only once');
  await expect(feed).toHaveCount(0);
  expect((await request.get(oldPath)).status()).toBe(200);

  const newPath = new URL(await newLink()).pathname;
  expect(newPath).not.toBe(oldPath);
  expect((await request.get(oldPath)).status()).toBe(404);
  expect((await request.get(newPath)).status()).toBe(200);
});

test('operators get no bell and no settings', async ({ page }) => {
  await signIn(page, { email: OPERATOR_EMAIL, password: OPERATOR_PASSWORD });
  await expect(meMenuButton(page)).toBeVisible();
  await expect(bell(page)).toHaveCount(0);
  const panel = await openMeMenu(page);
  await expect(panel.getByRole('link', { name: 'Settings' })).toHaveCount(0);
  await page.goto('/notifications');
  await expect(page).not.toHaveURL(/\/notifications$/);
});
