import { TestBed } from '@angular/core/testing';
import type { ApiTokenSummary, CreatedApiToken } from '@fieldwork/contracts';
import { rosterPushCurl } from '@fieldwork/web-core';
import { useApiTest } from '../shared/testing';
import { ApiTokensPage } from './api-tokens-page';

const summary = (over: Partial<ApiTokenSummary> = {}): ApiTokenSummary => ({
  id: 't1',
  name: 'Nightly push',
  scope: 'roster:import',
  hint: 'fwt_…AbCd',
  createdAt: '2026-11-30T15:00:00.000Z',
  createdBy: { id: 'u1', name: 'Ada Admin' },
  lastUsedAt: null,
  revokedAt: null,
  revoked: false,
  ...over,
});

describe('ApiTokensPage', () => {
  const { api } = useApiTest(ApiTokensPage);

  async function open(items: ApiTokenSummary[]) {
    const fixture = TestBed.createComponent(ApiTokensPage);
    api.expectOne('/api/api-tokens').flush({ items });
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('asks for a name, then shows the new token once with a curl example, and lists it without the secret', async () => {
    const { fixture, el } = await open([]);
    expect(el.textContent).toContain('No API tokens yet.');
    el.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
    expect(el.querySelector('#token-name-error')?.textContent).toContain('Say what the token is for');

    const input = el.querySelector<HTMLInputElement>('#token-name') as HTMLInputElement;
    input.value = 'Nightly push';
    input.dispatchEvent(new Event('input'));
    el.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    const req = api.expectOne('/api/api-tokens');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ name: 'Nightly push', scope: 'roster:import' });
    const made: CreatedApiToken = { ...summary(), token: 'fwt_SECRET' };
    req.flush(made);
    await fixture.whenStable();
    expect(el.querySelector<HTMLInputElement>('#new-token-value')?.value).toBe('fwt_SECRET');
    expect(el.querySelector('pre')?.textContent).toContain('Authorization: Bearer fwt_SECRET');
    expect(el.querySelector('.api-tokens tbody')?.textContent).not.toContain('fwt_SECRET');
    expect(el.querySelector('.api-tokens tbody')?.textContent).toContain('fwt_…AbCd');
  });

  it('revokes after a confirmation and reloads the list', async () => {
    const { fixture, el } = await open([summary()]);
    const buttons = () => [...el.querySelectorAll('button')];
    buttons().find((b) => b.textContent?.includes('Revoke…'))?.click();
    await fixture.whenStable();
    expect(el.textContent).toContain('Scripts using it stop working at once.');
    buttons().find((b) => b.textContent?.includes('Yes, revoke it'))?.click();
    const req = api.expectOne('/api/api-tokens/t1');
    expect(req.request.method).toBe('DELETE');
    req.flush(null);
    api.expectOne('/api/api-tokens').flush({ items: [summary({ revoked: true, revokedAt: '2026-11-30T16:00:00.000Z' })] });
    await fixture.whenStable();
    expect(el.textContent).toContain('Revoked “Nightly push”: it no longer works.');
    expect(buttons().some((b) => b.textContent?.includes('Revoke…'))).toBe(false);
  });

  it('writes the nightly push as a curl command', () => {
    expect(rosterPushCurl('https://fw.example', 'fwt_x')).toBe(
      'curl --fail-with-body -X POST \\\n  -H "Authorization: Bearer fwt_x" \\\n  -F "file=@roster.csv;type=text/csv" \\\n  "https://fw.example/api/rosters/import?removeMissing=false"',
    );
  });
});
