import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Me } from '@fieldwork/contracts';
import { AuthService, TenantTime } from '@fieldwork/web-core';
import { SettingsPage } from './settings-page';

const admin: Me = {
  id: 'u0',
  email: 'admin@demo.test',
  name: 'Ada Admin',
  role: 'admin',
  tenant: { id: 't1', slug: 'demo', name: 'Demo', timezone: 'America/New_York' },
};

describe('Settings: the career center\'s time zone', () => {
  let api: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [SettingsPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    api = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    TestBed.inject(AuthService).clearSession();
    api.verify();
  });

  function signIn(user: Me) {
    TestBed.inject(AuthService).login({ tenant: 'demo', email: user.email, password: 'pw' }).subscribe();
    api.expectOne('/api/auth/login').flush({ accessToken: 't', expiresIn: 900, user });
  }

  async function render() {
    const fixture = TestBed.createComponent(SettingsPage);
    await fixture.whenStable();
    api.match('/api/me/calendar').forEach((r) => r.flush({ url: 'https://fieldwork.test/api/calendar/abc.ics' }));
    api.match((r) => r.url.startsWith('/api/me/notification-preferences')).forEach((r) => r.flush({ items: [] }));
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('lets an admin change the zone and reloads the signed-in user so every date follows', async () => {
    signIn(admin);
    const { fixture, el } = await render();
    api.expectOne('/api/tenant/settings').flush({ atRiskInactiveDays: 14, timezone: 'America/New_York' });
    await fixture.whenStable();
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
    patch.flush({ atRiskInactiveDays: 14, timezone: 'Asia/Tokyo' });
    api.expectOne('/api/me').flush({ ...admin, tenant: { ...admin.tenant, timezone: 'Asia/Tokyo' } });
    await fixture.whenStable();
    expect(el.querySelector('#tenant-settings-status')?.textContent).toContain('Dates now show in Asia/Tokyo');
    expect(TestBed.inject(TenantTime).zone()).toBe('Asia/Tokyo');
  });

  it('shows the API\'s refusal next to the field', async () => {
    signIn(admin);
    const { fixture, el } = await render();
    api.expectOne('/api/tenant/settings').flush({ atRiskInactiveDays: 14, timezone: 'America/New_York' });
    await fixture.whenStable();
    const select = el.querySelector<HTMLSelectElement>('#tenant-timezone');
    if (!select) throw new Error('no select');
    select.value = 'Europe/London';
    select.dispatchEvent(new Event('change'));
    el.querySelector<HTMLFormElement>('app-career-center-settings form')?.dispatchEvent(new Event('submit'));
    api.expectOne('/api/tenant/settings').flush(
      { statusCode: 400, error: 'Bad Request', message: 'Invalid', details: [{ field: 'timezone', problems: ['timezone must be an IANA time zone'] }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(el.querySelector('#tenant-timezone-error')?.textContent).toBe('Timezone must be an IANA time zone.');
    expect(select.getAttribute('aria-invalid')).toBe('true');
  });

  it('is not there for advisors and students', async () => {
    signIn({ ...admin, role: 'advisor' });
    const { el } = await render();
    expect(el.querySelector('app-career-center-settings')).toBeNull();
    api.expectNone('/api/tenant/settings');
  });
});
