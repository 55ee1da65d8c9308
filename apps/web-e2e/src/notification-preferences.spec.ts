import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { openMeMenu, signIn } from './support/auth';
import { DEMO_PASSWORD, DEMO_TENANT, DEMO_USERS, OPERATOR_EMAIL, OPERATOR_PASSWORD } from './support/env';
import { statusLine } from './support/fieldwork';

type Mode = 'immediately' | 'digest' | 'off';

interface Preferences {
  timezone: string;
  items: { kind: string; label: string; mode: Mode; modes: Mode[] }[];
}

const PREFERENCES = '/api/me/notification-preferences';
const QUEUE_BOARD = '/api/admin/queues';
/** What the API answers a browser without a queue dashboard session. */
const BOARD_REFUSAL = /The queue dashboard is for Fieldwork operators/;

const student = { tenant: DEMO_TENANT, email: DEMO_USERS.student.email, password: DEMO_PASSWORD };

/** A bearer token for API calls made by the test itself (setup and clean-up). */
async function tokenFor(request: APIRequestContext, who: { tenant?: string; email: string; password: string }) {
  const response = await request.post('/api/auth/login', {
    data: { tenant: who.tenant ?? '', email: who.email, password: who.password },
  });
  await expect(response, `API sign-in as ${who.email}`).toBeOK();
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function readPreferences(request: APIRequestContext, token: string): Promise<Preferences> {
  const response = await request.get(PREFERENCES, { headers: { authorization: `Bearer ${token}` } });
  await expect(response).toBeOK();
  return (await response.json()) as Preferences;
}

async function setPreferences(request: APIRequestContext, token: string, preferences: { kind: string; mode: Mode }[]) {
  const response = await request.put(PREFERENCES, {
    headers: { authorization: `Bearer ${token}` },
    data: { preferences },
  });
  await expect(response, `PUT ${PREFERENCES}: ${response.ok() ? '' : await response.text()}`).toBeOK();
}

/** One kind's radio group, named by its legend. */
function kindGroup(page: Page, label: string): Locator {
  return page.getByRole('group', { name: label, exact: true });
}

test('a student sends "Due soon" to the digest and turns "New homework" off; the choices stay', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const token = await tokenFor(request, student);
  const before = await readPreferences(request, token);
  const original = before.items
    .filter((item) => item.kind === 'due_soon' || item.kind === 'new_assignment')
    .map(({ kind, mode }) => ({ kind, mode }));
  expect(original.map((p) => p.kind).sort()).toEqual(['due_soon', 'new_assignment']);
  // Start from "right away" so that each choice below is a change (an earlier run may have stopped half-way).
  await setPreferences(request, token, [
    { kind: 'due_soon', mode: 'immediately' },
    { kind: 'new_assignment', mode: 'immediately' },
  ]);
  const digestLabel = `In my daily digest (08:00 ${before.timezone})`;

  try {
    await signIn(page, student);
    const panel = await openMeMenu(page);
    await panel.getByRole('link', { name: 'Settings' }).click();
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByRole('heading', { level: 2, name: 'Notifications' })).toBeVisible();
    const section = page.getByRole('region', { name: 'Notifications' });
    await expect(section).toContainText('“Right away” puts a notice in your Fieldwork inbox and e-mails you at once');

    const dueSoon = kindGroup(page, 'Due soon');
    const newHomework = kindGroup(page, 'New homework');
    await expect(dueSoon.getByRole('radio', { name: 'Right away' })).toBeChecked();
    await expect(dueSoon.getByRole('radio')).toHaveCount(3);
    await expect(dueSoon).toContainText('due within two days');
    // A student sees student kinds only.
    await expect(kindGroup(page, 'Needs review (daily)')).toHaveCount(0);
    await expectNoSeriousA11yViolations(page, 'settings with notification preferences');

    await test.step('"Due soon" goes to the daily digest', async () => {
      const saved = page.waitForResponse((r) => r.url().endsWith(PREFERENCES) && r.request().method() === 'PUT');
      await dueSoon.getByRole('radio', { name: digestLabel }).check();
      const put = await saved;
      expect(put.status()).toBe(200);
      expect(put.request().postDataJSON()).toEqual({ preferences: [{ kind: 'due_soon', mode: 'digest' }] });
      await expect(statusLine(dueSoon, /^Saved/)).toBeVisible();
      await expect(statusLine(dueSoon, /^Saved/)).toHaveAttribute('aria-live', 'polite');
    });

    await test.step('"New homework" is turned off', async () => {
      await newHomework.getByRole('radio', { name: 'Off' }).check();
      await expect(statusLine(newHomework, 'Saved: off.')).toBeVisible();
      await expect(dueSoon.getByRole('radio', { name: digestLabel })).toBeChecked();
    });

    await test.step('after a reload the choices are kept', async () => {
      await page.reload();
      await expect(page.getByRole('heading', { level: 2, name: 'Notifications' })).toBeVisible();
      await expect(dueSoon.getByRole('radio', { name: digestLabel })).toBeChecked();
      await expect(dueSoon.getByRole('radio', { name: 'Right away' })).not.toBeChecked();
      await expect(newHomework.getByRole('radio', { name: 'Off' })).toBeChecked();
      await expect(newHomework.getByRole('radio', { name: 'Right away' })).not.toBeChecked();
      const after = await readPreferences(request, token);
      expect(after.items.find((i) => i.kind === 'due_soon')?.mode).toBe('digest');
      expect(after.items.find((i) => i.kind === 'new_assignment')?.mode).toBe('off');
      await expectNoSeriousA11yViolations(page, 'settings after saving notification preferences');
    });
  } finally {
    // Other specs expect the demo student to get "New homework" right away.
    await setPreferences(request, token, original);
  }
});

test('the operator opens the queue dashboard from the Tenants page', async ({ page, context }) => {
  test.setTimeout(120_000);
  await signIn(page, { email: OPERATOR_EMAIL, password: OPERATOR_PASSWORD });
  await expect(page).toHaveURL(/\/tenants$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Background jobs' })).toBeVisible();

  // Before asking for a session, the board refuses this browser too.
  const early = await context.request.get(QUEUE_BOARD);
  expect(early.status()).toBe(401);

  const button = page.getByRole('button', { name: 'Queue dashboard (opens in a new tab)' });
  await expect(button).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'operator tenants with the queue dashboard button');
  const [board, session] = await Promise.all([
    context.waitForEvent('page'),
    page.waitForResponse((r) => r.url().endsWith(`${QUEUE_BOARD}/session`)),
    button.click(),
  ]);
  expect(session.status()).toBe(204);

  await board.waitForLoadState();
  expect(new URL(board.url()).pathname).toMatch(/^\/api\/admin\/queues\/?$/);
  for (const queue of ['notifications', 'mail', 'maintenance']) {
    await expect(board.getByRole('link', { name: queue, exact: true }).first()).toBeVisible();
  }
  await expect(board.locator('body')).not.toContainText(BOARD_REFUSAL);
  // The app tab stays where it was, without an error.
  await expect(page).toHaveURL(/\/tenants$/);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await board.close();
});

test('anyone else going straight to the queue dashboard is refused with an explanation', async ({ page, request }) => {
  const admin = { tenant: DEMO_TENANT, email: DEMO_USERS.admin.email, password: DEMO_PASSWORD };
  await signIn(page, admin);

  const response = await page.goto(QUEUE_BOARD);
  expect(response?.status()).toBe(401);
  await expect(page.locator('body')).toContainText(BOARD_REFUSAL);
  await expect(page.getByRole('link', { name: 'mail', exact: true })).toHaveCount(0);

  // A career center admin can't get a dashboard session either.
  const token = await tokenFor(request, admin);
  const refused = await request.post(`${QUEUE_BOARD}/session`, { headers: { authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(403);
  expect(refused.headers()['set-cookie'] ?? '').not.toContain('fw_queue_board');
});
