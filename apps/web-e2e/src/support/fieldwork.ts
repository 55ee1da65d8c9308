import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import type { Credentials } from './auth';

/**
 * Helpers for tests that need their own data: a small admin API client for
 * setup (the flows under test still go through the browser), local dates for
 * date inputs, and paging through lists that may have grown with earlier runs.
 */

/** A date as an <input type="date"> wants it (YYYY-MM-DD), in the browser's (= this machine's) time zone. */
/** The demo career center's time zone: its "today" is what date inputs mean. */
export const DEMO_TIME_ZONE = 'America/New_York';

/** A day as YYYY-MM-DD in the career center's zone (not the machine's), shifted by whole days. */
export function localDateInput(offsetDays = 0, from: Date = new Date(), zone = DEMO_TIME_ZONE): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(from);
  return new Date(Date.parse(`${today}T00:00:00Z`) + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** A name part no other run shares. */
export function uniqueStamp(): string {
  return `${Date.now()}${Math.floor(Math.random() * 1000)
    .toString()
    .padStart(3, '0')}`;
}

export interface ApiUser {
  id: string;
  email: string;
  name: string;
  role: string;
}

export interface ApiCohort {
  id: string;
  name: string;
}

export interface ApiTask {
  id: string;
  title: string;
  status: string;
  student: { id: string; name: string };
}

interface Page_<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The Fieldwork API as one signed-in staff member, for setup and look-ups.
 * Each `signIn` counts against the per-account sign-in limit (10 a minute).
 */
export class FieldworkApi {
  private constructor(
    private readonly request: APIRequestContext,
    private readonly token: string,
  ) {}

  static async signIn(request: APIRequestContext, credentials: Credentials): Promise<FieldworkApi> {
    const response = await request.post('/api/auth/login', {
      data: { tenant: credentials.tenant ?? '', email: credentials.email, password: credentials.password },
    });
    await expect(response, `API sign-in as ${credentials.email}`).toBeOK();
    const body = (await response.json()) as { accessToken: string };
    expect(body.accessToken).toBeTruthy();
    return new FieldworkApi(request, body.accessToken);
  }

  private get headers(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }

  async get<T>(path: string, params?: Record<string, string>): Promise<T> {
    const response = await this.request.get(path, { headers: this.headers, params });
    await expect(response, `GET ${path}`).toBeOK();
    return (await response.json()) as T;
  }

  async post<T>(path: string, data: unknown): Promise<T> {
    const response = await this.request.post(path, { headers: this.headers, data });
    await expect(response, `POST ${path}: ${response.ok() ? '' : await response.text()}`).toBeOK();
    return (await response.json()) as T;
  }

  async patch<T>(path: string, data: unknown): Promise<T> {
    const response = await this.request.patch(path, { headers: this.headers, data });
    await expect(response, `PATCH ${path}: ${response.ok() ? '' : await response.text()}`).toBeOK();
    return (await response.json()) as T;
  }

  /** People whose name or e-mail contains `q` (admin only). */
  async searchUsers(q: string): Promise<ApiUser[]> {
    return (await this.get<Page_<ApiUser>>('/api/users', { q, limit: '100' })).items;
  }

  /** The one person with this e-mail address (admin only). */
  async userByEmail(email: string): Promise<ApiUser> {
    const found = (await this.searchUsers(email)).filter((u) => u.email.toLowerCase() === email.toLowerCase());
    expect(found, `exactly one user with e-mail ${email}`).toHaveLength(1);
    return found[0];
  }

  /** Creates a cohort and puts the given advisors and students in it. */
  async createCohort(name: string, members: { advisors?: string[]; students?: string[] }): Promise<ApiCohort> {
    const cohort = await this.post<ApiCohort>('/api/cohorts', { name });
    if (members.advisors?.length) {
      await this.post(`/api/cohorts/${cohort.id}/members`, { userIds: members.advisors, role: 'advisor' });
    }
    if (members.students?.length) {
      await this.post(`/api/cohorts/${cohort.id}/members`, { userIds: members.students, role: 'student' });
    }
    return cohort;
  }

  /** Archives a cohort, so that reruns do not keep growing the live lists. */
  async archiveCohort(id: string): Promise<void> {
    await this.patch(`/api/cohorts/${id}`, { archived: true });
  }

  /** The tasks of a cohort (every status). */
  async tasksOfCohort(cohortId: string): Promise<ApiTask[]> {
    return (await this.get<Page_<ApiTask>>('/api/tasks', { cohortId, limit: '200' })).items;
  }
}

/**
 * Clicks a list's "Load more …" button until `target` shows up (lists on a
 * shared product grow with every run). Call it once the first page is there.
 */
export async function revealByLoadingMore(target: Locator, loadMore: Locator, maxPages = 40): Promise<void> {
  for (let i = 0; i < maxPages; i++) {
    if (await target.first().isVisible()) break;
    if (!(await loadMore.isVisible())) break;
    await loadMore.click();
    await expect(target.first().or(loadMore).first()).toBeVisible();
  }
  await expect(target).toBeVisible();
}

/** The polite "role=status" line whose text matches (several status lines share a page). */
export function statusLine(page: Page | Locator, text: string | RegExp): Locator {
  return page.getByRole('status').filter({ hasText: text });
}
