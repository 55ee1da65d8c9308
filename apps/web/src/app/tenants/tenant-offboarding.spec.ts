import { TestBed } from '@angular/core/testing';
import { buttonNamed, useApiTest } from '../shared/testing';
import type { TenantExportSummary, TenantSummary } from '@fieldwork/contracts';
import { EXPORT_POLL_MS, TenantOffboarding } from './tenant-offboarding';

const TENANT: TenantSummary = {
  id: '11111111-1111-4111-8111-111111111111',
  slug: 'state-u',
  name: 'State U Career Center',
  timezone: 'America/New_York',
  createdAt: '2026-01-05T15:00:00.000Z',
  state: 'active',
  closedAt: null,
  deleteAfter: null,
  latestExport: null,
};

const exportOf = (patch: Partial<TenantExportSummary>): TenantExportSummary => ({
  id: '22222222-2222-4222-8222-222222222222',
  tenantId: TENANT.id,
  status: 'running',
  percent: 0,
  totalRows: 100,
  doneRows: 0,
  fileSize: null,
  error: null,
  createdAt: '2026-11-30T10:00:00.000Z',
  finishedAt: null,
  expiresAt: null,
  ...patch,
});

describe('TenantOffboarding', () => {
  const { api } = useApiTest(TenantOffboarding);
  afterEach(() => jest.useRealTimers());

  async function render(tenant: TenantSummary = TENANT) {
    const fixture = TestBed.createComponent(TenantOffboarding);
    fixture.componentRef.setInput('tenant', tenant);
    const changed: TenantSummary[] = [];
    fixture.componentInstance.changed.subscribe((value) => changed.push(value));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const button = (text: string) => buttonNamed(el, text);
    return { fixture, el, button, changed };
  }

  it('deletes only after the two steps: the consequences, then the typed short name', async () => {
    const { fixture, el, button, changed } = await render();
    expect(el.textContent).toContain('Active');
    button('Delete…')?.click();
    await fixture.whenStable();
    expect(el.querySelector('h3')?.textContent).toContain('Delete State U Career Center?');
    expect(el.textContent).toContain('Nobody of this career center can sign in');
    const input = el.querySelector<HTMLInputElement>(`#confirm-slug-${TENANT.id}`) as HTMLInputElement;
    expect(input).not.toBeNull();

    // A wrong name: refused here, nothing sent.
    input.value = 'state';
    input.dispatchEvent(new Event('input'));
    button('Delete career center')?.click();
    await fixture.whenStable();
    expect(el.querySelector('.field-error')?.textContent).toContain('Type state-u exactly to confirm.');
    api.expectNone(`/api/platform/tenants/${TENANT.id}`);

    input.value = 'State-U ';
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    button('Delete career center')?.click();
    const request = api.expectOne(`/api/platform/tenants/${TENANT.id}`);
    expect(request.request.method).toBe('DELETE');
    expect(request.request.body).toEqual({ confirmSlug: 'State-U' });
    const closing: TenantSummary = { ...TENANT, state: 'closing', closedAt: '2026-11-30T15:00:00.000Z', deleteAfter: '2026-12-07T15:00:00.000Z' };
    request.flush(closing, { status: 202, statusText: 'Accepted' });
    await fixture.whenStable();
    expect(changed).toEqual([closing]);
    expect(el.querySelector('h3')).toBeNull();
  });

  it('shows a closing career center’s deletion day and restores it', async () => {
    const closing: TenantSummary = { ...TENANT, state: 'closing', closedAt: '2026-11-30T15:00:00.000Z', deleteAfter: '2026-12-07T15:00:00.000Z' };
    const { fixture, el, button, changed } = await render(closing);
    expect(el.textContent).toContain('Being closed');
    expect(el.textContent).toContain('Dec 7, 2026');
    expect(button('Delete…')).toBeUndefined();
    button('Restore')?.click();
    const request = api.expectOne(`/api/platform/tenants/${TENANT.id}/restore`);
    expect(request.request.method).toBe('POST');
    request.flush(TENANT);
    await fixture.whenStable();
    expect(changed).toEqual([TENANT]);
  });

  it('says why a restore was refused, in the API’s words', async () => {
    const closing: TenantSummary = { ...TENANT, state: 'closing', closedAt: '2026-11-30T15:00:00.000Z', deleteAfter: '2026-12-07T15:00:00.000Z' };
    const { fixture, el, button } = await render(closing);
    button('Restore')?.click();
    api
      .expectOne(`/api/platform/tenants/${TENANT.id}/restore`)
      .flush({ statusCode: 409, error: 'Conflict', message: 'The grace period is over: this career center is being deleted and can no longer be restored' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('The grace period is over');
  });

  it('exports with progress every second, then offers the download', async () => {
    const { fixture, el, button } = await render();
    jest.useFakeTimers();
    button('Export')?.click();
    api.expectOne(`/api/platform/tenants/${TENANT.id}/export`).flush({ id: exportOf({}).id }, { status: 202, statusText: 'Accepted' });
    fixture.detectChanges();
    expect(button('Exporting')).toBeDefined();

    jest.advanceTimersByTime(EXPORT_POLL_MS);
    api.expectOne(`/api/platform/tenant-exports/${exportOf({}).id}`).flush(exportOf({ percent: 42, doneRows: 42 }));
    fixture.detectChanges();
    expect(el.querySelector('progress')?.getAttribute('value')).toBe('42');
    expect(el.textContent).toContain('42%');

    jest.advanceTimersByTime(EXPORT_POLL_MS);
    api
      .expectOne(`/api/platform/tenant-exports/${exportOf({}).id}`)
      .flush(exportOf({ status: 'done', percent: 100, doneRows: 100, fileSize: 2048, finishedAt: '2026-11-30T10:01:00.000Z', expiresAt: '2026-12-07T10:01:00.000Z' }));
    fixture.detectChanges();
    expect(el.querySelector('progress')).toBeNull();
    expect(el.textContent).toContain('Export ready (2 KB), until Dec 7, 2026');
    expect(button('Download ZIP')).toBeDefined();
    jest.advanceTimersByTime(EXPORT_POLL_MS * 3);
    api.expectNone(`/api/platform/tenant-exports/${exportOf({}).id}`);
  });
});
