import { TestBed } from '@angular/core/testing';
import type { DataExportSummary } from '@fieldwork/contracts';
import { apiError, settleUntil, useApiTest } from '../../shared/testing';
import { MY_DATA_FAILED, MY_DATA_POLL_MS, MY_DATA_REQUEST_FAILED, MyDataCard } from './my-data';

const ID = '11111111-2222-4333-8444-555555555555';

function copy(fields: Partial<DataExportSummary> = {}): DataExportSummary {
  return { id: ID, status: 'queued', percent: 0, createdAt: '2026-11-30T15:00:00.000Z', expiresAt: null, fileSize: null, error: null, ...fields };
}

describe('MyDataCard ("Your data")', () => {
  const { api } = useApiTest(MyDataCard);

  function render() {
    const fixture = TestBed.createComponent(MyDataCard);
    fixture.detectChanges();
    return fixture;
  }

  const tick = () => new Promise((resolve) => setTimeout(resolve, MY_DATA_POLL_MS + 100));

  it('asks for a copy, shows its progress polled every second, then "Download (ZIP, 1.2 MB) — available until Dec 7"', async () => {
    const fixture = render();
    const el: HTMLElement = fixture.nativeElement;
    api.expectOne('/api/me/data-exports').flush({ items: [] });
    fixture.detectChanges();
    expect(el.textContent).toContain('is in the ZIP');
    expect(el.textContent).toContain('tasks.json');
    const button = el.querySelector<HTMLButtonElement>('#my-data-request');
    expect(button?.textContent?.trim()).toBe('Download my data');
    button?.click();
    const post = api.expectOne('/api/me/data-export');
    expect(post.request.method).toBe('POST');
    post.flush({ id: ID });
    fixture.detectChanges();
    expect(el.querySelector('#my-data-progress')?.textContent).toContain('Preparing your data… 0%');

    await tick();
    api.expectOne(`/api/me/data-export/${ID}`).flush(copy({ status: 'running', percent: 42 }));
    fixture.detectChanges();
    expect(el.querySelector('#my-data-progress')?.textContent).toContain('42%');
    expect(el.querySelector('progress')?.getAttribute('value') ?? String((el.querySelector('progress') as HTMLProgressElement).value)).toBe('42');

    await tick();
    api.expectOne(`/api/me/data-export/${ID}`).flush(copy({ status: 'done', percent: 100, fileSize: 1_250_000, expiresAt: '2026-12-07T15:00:00.000Z' }));
    fixture.detectChanges();
    expect(el.querySelector('#my-data-download')?.textContent?.trim()).toBe('Download (ZIP, 1.2 MB)');
    expect(el.querySelector('#my-data-until')?.textContent).toContain('available until Dec 7');
    // Done: no more polling.
    await tick();
    api.expectNone(`/api/me/data-export/${ID}`);
  }, 10_000);

  it('a failed copy says what to do and offers a new one; a failed request says to try again', () => {
    const fixture = render();
    const el: HTMLElement = fixture.nativeElement;
    api.expectOne('/api/me/data-exports').flush({ items: [copy({ status: 'failed', error: null })] });
    fixture.detectChanges();
    expect(el.querySelector('#my-data-failed')?.textContent).toContain(MY_DATA_FAILED);
    el.querySelector<HTMLButtonElement>('#my-data-request')?.click();
    api.expectOne('/api/me/data-export').flush(...apiError(503, 'The database is busy'));
    fixture.detectChanges();
    expect(el.querySelector('#my-data-error')?.textContent).toContain(MY_DATA_REQUEST_FAILED);
  });

  it('an expired copy (410 on download) turns into "ask for a new one"', async () => {
    const fixture = render();
    const el: HTMLElement = fixture.nativeElement;
    api.expectOne('/api/me/data-exports').flush({ items: [copy({ status: 'done', percent: 100, fileSize: 2048, expiresAt: '2026-12-07T15:00:00.000Z' })] });
    fixture.detectChanges();
    el.querySelector<HTMLButtonElement>('#my-data-download')?.click();
    const download = api.expectOne(`/api/me/data-export/${ID}/download`);
    download.flush(new Blob([JSON.stringify({ statusCode: 410, error: 'Gone', message: 'This copy of your data expired on 2026-12-07; ask for a new one' })]), {
      status: 410,
      statusText: 'Gone',
    });
    // The error body arrives as a Blob, read asynchronously.
    await settleUntil(fixture, () => !!el.querySelector('#my-data-error')?.textContent?.includes('expired on'));
    fixture.detectChanges();
    expect(el.querySelector('#my-data-error')?.textContent).toContain('expired on 2026-12-07; ask for a new one');
    expect(el.querySelector('#my-data-expired')).not.toBeNull();
    expect(el.querySelector('#my-data-request')).not.toBeNull();
  });
});
