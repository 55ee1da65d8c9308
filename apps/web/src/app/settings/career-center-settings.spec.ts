import { TestBed } from '@angular/core/testing';
import type { Me, RetentionPreview, TenantSettings } from '@fieldwork/contracts';
import { TenantTime } from '@fieldwork/web-core';
import { apiError, demoUser, signInAs, useApiTest } from '../shared/testing';
import { SettingsPage } from './settings-page';

const admin = demoUser('admin');

const SETTINGS: TenantSettings = {
  atRiskInactiveDays: 14,
  timezone: 'America/New_York',
  retention: { reflectionsMonths: 36, accountsMonths: 36, auditMonths: 84 },
};
const NOTHING = { accounts: 0, reflections: 0, contacts: 0, interactions: 0, auditEvents: 0 };
const PREVIEW: RetentionPreview = {
  policy: SETTINGS.retention,
  nextRunAt: '2026-12-01T02:15:00.000Z',
  nextRun: NOTHING,
  inThirtyDaysAt: '2026-12-31T02:15:00.000Z',
  inThirtyDays: { accounts: 212, reflections: 3140, contacts: 1, interactions: 0, auditEvents: 0 },
};

describe('Settings: the career center\'s time zone', () => {
  const { api, render: renderPage } = useApiTest(SettingsPage);

  const signIn = (user: Me) => signInAs(api, user);

  async function render() {
    const { fixture } = await renderPage();
    api.match('/api/me/calendar').forEach((r) => r.flush({ url: 'https://fieldwork.test/api/calendar/abc.ics' }));
    api.match((r) => r.url.startsWith('/api/me/notification-preferences')).forEach((r) => r.flush({ items: [] }));
    // The other cards of the page (issue 13's data rights): nothing pending.
    api.match('/api/me/deletion-request').forEach((r) => r.flush({ request: null }));
    api.match('/api/me/data-exports').forEach((r) => r.flush({ items: [] }));
    // Two-step sign-in (issue 10): off, optional.
    api.match('/api/me/mfa').forEach((r) => r.flush({ enabled: false, enabledAt: null, recoveryCodesLeft: 0, required: false }));
    api.match('/api/tenant/mfa-policy').forEach((r) => r.flush({ requireForStaff: false }));
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  /** The page as an admin sees it, the career center's settings and retention preview loaded. */
  async function renderForAdmin() {
    signIn(admin);
    const { fixture, el } = await render();
    api.expectOne('/api/tenant/settings').flush(SETTINGS);
    await fixture.whenStable();
    api.expectOne('/api/tenant/retention-preview').flush(PREVIEW);
    await fixture.whenStable();
    return { fixture, el };
  }

  it('lets an admin change the zone and reloads the signed-in user so every date follows', async () => {
    const { fixture, el } = await renderForAdmin();
    const select = el.querySelector<HTMLSelectElement>('#tenant-timezone');
    expect(select?.value).toBe('America/New_York');
    expect(el.querySelector('label[for=tenant-timezone]')?.textContent).toBe('Time zone');

    if (!select) throw new Error('no select');
    select.value = 'Asia/Tokyo';
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    el.querySelector<HTMLFormElement>('app-career-center-settings form')?.dispatchEvent(new Event('submit'));
    const patch = api.expectOne('/api/tenant/settings');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ timezone: 'Asia/Tokyo' });
    patch.flush({ ...SETTINGS, timezone: 'Asia/Tokyo' });
    api.expectOne('/api/me').flush({ ...admin, tenant: { ...admin.tenant, timezone: 'Asia/Tokyo' } });
    await fixture.whenStable();
    expect(el.querySelector('#tenant-settings-status')?.textContent).toContain('Dates now show in Asia/Tokyo');
    expect(TestBed.inject(TenantTime).zone()).toBe('Asia/Tokyo');
  });

  it('shows the API\'s refusal next to the field', async () => {
    const { fixture, el } = await renderForAdmin();
    const select = el.querySelector<HTMLSelectElement>('#tenant-timezone');
    if (!select) throw new Error('no select');
    select.value = 'Europe/London';
    select.dispatchEvent(new Event('change'));
    el.querySelector<HTMLFormElement>('app-career-center-settings form')?.dispatchEvent(new Event('submit'));
    api.expectOne('/api/tenant/settings').flush(...apiError(400, 'Invalid', { timezone: 'timezone must be an IANA time zone' }));
    await fixture.whenStable();
    expect(el.querySelector('#tenant-timezone-error')?.textContent).toBe('Timezone must be an IANA time zone.');
    expect(select.getAttribute('aria-invalid')).toBe('true');
  });

  it('shows the retention periods and what the next run would delete, in plain words', async () => {
    const { el } = await renderForAdmin();
    expect(el.querySelector<HTMLInputElement>('#retention-reflectionsMonths')?.value).toBe('36');
    expect(el.querySelector<HTMLInputElement>('#retention-auditMonths')?.value).toBe('84');
    expect(el.querySelector('label[for=retention-accountsMonths]')?.textContent).toBe('Inactive student accounts (months)');
    const preview = el.querySelector('#retention-preview')?.textContent?.replace(/\s+/g, ' ') ?? '';
    // Times in the career center's zone (named when the browser is elsewhere).
    expect(preview).toMatch(/Next run \(Nov 30, 9:15 PM( ET)?\): nothing to delete\./);
    expect(preview).toMatch(/In 30 days \(Dec 30, 9:15 PM( ET)?\): 212 accounts, 3,140 reflections, 1 contact\./);
  });

  it('saves new periods, refuses a bad one before asking, shows the API\'s refusal next to its field, and recounts', async () => {
    const { fixture, el } = await renderForAdmin();
    const months = el.querySelector<HTMLInputElement>('#retention-accountsMonths');
    const form = el.querySelectorAll<HTMLFormElement>('app-career-center-settings form')[1];
    if (!months || !form) throw new Error('no retention form');
    months.value = '300';
    months.dispatchEvent(new Event('input'));
    form.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    api.expectNone('/api/tenant/settings');
    expect(el.querySelector('#retention-accountsMonths-error')?.textContent).toBe('Enter a whole number of months from 1 to 240.');
    expect(months.getAttribute('aria-invalid')).toBe('true');

    months.value = '24';
    months.dispatchEvent(new Event('input'));
    form.dispatchEvent(new Event('submit'));
    const patch = api.expectOne('/api/tenant/settings');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ retention: { reflectionsMonths: 36, accountsMonths: 24, auditMonths: 84 } });
    patch.flush({ ...SETTINGS, retention: { ...SETTINGS.retention, accountsMonths: 24 } });
    await fixture.whenStable();
    api.expectOne('/api/tenant/retention-preview').flush({ ...PREVIEW, nextRun: { ...NOTHING, accounts: 3 } });
    await fixture.whenStable();
    expect(el.querySelector('#retention-status')?.textContent).toContain('Saved.');
    expect(el.querySelector('#retention-preview')?.textContent).toContain('3 accounts');

    const audit = el.querySelector<HTMLInputElement>('#retention-auditMonths');
    if (!audit) throw new Error('no audit field');
    audit.value = '12';
    audit.dispatchEvent(new Event('input'));
    form.dispatchEvent(new Event('submit'));
    api.expectOne('/api/tenant/settings').flush(...apiError(400, 'Invalid', { 'retention.auditMonths': 'retention.auditMonths must be at least 24 months here' }));
    await fixture.whenStable();
    expect(el.querySelector('#retention-auditMonths-error')?.textContent).toContain('at least 24 months');
  });

  it('is not there for advisors and students', async () => {
    signIn({ ...admin, role: 'advisor' });
    const { el } = await render();
    expect(el.querySelector('app-career-center-settings')).toBeNull();
    api.expectNone('/api/tenant/settings');
  });
});
