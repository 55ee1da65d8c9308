import { expect, type Locator, type Page } from '@playwright/test';

export interface Credentials {
  /** Tenant slug; empty or missing for platform operators. */
  tenant?: string;
  email: string;
  password: string;
}

export function mainNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Main' });
}

export function meMenuButton(page: Page): Locator {
  return page.getByTestId('me-menu-button');
}

/** Fills and submits the sign-in form. Does not check where it lands. */
export async function submitSignIn(page: Page, credentials: Credentials): Promise<void> {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Fieldwork' })).toBeVisible();
  await page.getByLabel('Career center').fill(credentials.tenant ?? '');
  await page.getByLabel('Email address').fill(credentials.email);
  await page.getByLabel('Password', { exact: true }).fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Signs in through the form and waits for the signed-in header. */
export async function signIn(page: Page, credentials: Credentials): Promise<void> {
  await submitSignIn(page, credentials);
  await expect(meMenuButton(page)).toBeVisible();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/** Opens the "me" menu (if it is not open yet) and returns its panel. */
export async function openMeMenu(page: Page): Promise<Locator> {
  const button = meMenuButton(page);
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const panel = page.locator('#me-menu-panel');
  await expect(panel).toBeVisible();
  return panel;
}

/** Signs out through the "me" menu and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  const panel = await openMeMenu(page);
  await panel.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Fieldwork' })).toBeVisible();
  await expect(meMenuButton(page)).toHaveCount(0);
}

/** True when the page can be scrolled sideways (it should not be, even at 375 px). */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}
