import { HttpTestingController } from '@angular/common/http/testing';
import type { ExportSummary, Me } from '@fieldwork/contracts';
import { buttonNamed, demoUser, render as renderComponent, settleUntil, setUpApiTest, signInAs as signIn } from '../shared/testing';
import { EXPORT_POLL_MS, ExportsPage } from './exports-page';

const advisor = demoUser('advisor', { id: 'u1', name: 'Avi Advisor' });
const admin = demoUser('admin');

function summary(extra: Partial<ExportSummary> = {}): ExportSummary {
  return {
    id: 'e1',
    kind: 'cohort-progress',
    cohort: { id: 'c1', name: 'Fall Cohort' },
    requestedBy: { id: 'u1', name: 'Avi Advisor' },
    status: 'running',
    percent: 25,
    totalRows: 4000,
    doneRows: 1000,
    fileSize: null,
    error: null,
    createdAt: new Date(Date.now() - 60_000).toISOString(),
    finishedAt: null,
    expiresAt: null,
    ...extra,
  };
}

describe('ExportsPage', () => {
  let api: HttpTestingController;

  const signInAs = (user: Me) => signIn(api, user);

  beforeEach(() => {
    api = setUpApiTest(ExportsPage);
  });

  afterEach(() => api.verify());

  async function render() {
    const { fixture, el } = await renderComponent(ExportsPage);
    api.expectOne((r) => r.url === '/api/cohorts').flush({ items: [{ id: 'c1', name: 'Fall Cohort' }, { id: 'c2', name: 'Spring Cohort' }], nextCursor: null });
    return { fixture, el };
  }

  const button = (el: HTMLElement, text: string) => buttonNamed(el, text) as HTMLButtonElement;

  it('offers advisors the kinds they may export, and asks for a cohort before requesting', async () => {
    signInAs(advisor);
    const { fixture, el } = await render();
    api.expectOne((r) => r.url === '/api/exports').flush({ items: [], nextCursor: null });
    await fixture.whenStable();
    const kinds = [...el.querySelectorAll<HTMLOptionElement>('#export-kind option')].map((o) => o.value);
    expect(kinds).toEqual(['cohort-progress', 'network-summary']);
    expect(el.textContent).toContain('No exports yet.');

    button(el, 'Request export').click();
    await fixture.whenStable();
    expect(el.querySelector('#export-cohort-error')?.textContent).toContain('Choose one of your cohorts.');
    expect(el.querySelector('#export-cohort')?.getAttribute('aria-invalid')).toBe('true');

    const cohort = el.querySelector<HTMLSelectElement>('#export-cohort') as HTMLSelectElement;
    cohort.value = 'c2';
    cohort.dispatchEvent(new Event('change'));
    button(el, 'Request export').click();
    const post = api.expectOne((r) => r.method === 'POST' && r.url === '/api/exports');
    expect(post.request.body).toEqual({ kind: 'cohort-progress', cohortId: 'c2' });
    post.flush({ id: 'e9' });
    // (Already done by the time the page asks, so no polling outlives the test.)
    api.expectOne('/api/exports/e9').flush(summary({ id: 'e9', status: 'done', percent: 100, totalRows: 3, doneRows: 3, fileSize: 300 }));
    await fixture.whenStable();
    expect(el.querySelector('[role=status]')?.textContent).toContain('Export requested');
    expect(el.querySelector('tr[data-export-id="e9"]')?.textContent).toContain('Ready');
    expect(el.querySelector('tr[data-export-id="e9"]')?.textContent).not.toContain('Avi Advisor');
  });

  it('shows the API’s message next to the form when a request is refused', async () => {
    signInAs(admin);
    const { fixture, el } = await render();
    api.expectOne((r) => r.url === '/api/exports').flush({ items: [], nextCursor: null });
    await fixture.whenStable();
    expect([...el.querySelectorAll<HTMLOptionElement>('#export-kind option')].map((o) => o.value)).toContain('reflections');
    button(el, 'Request export').click();
    const post = api.expectOne((r) => r.method === 'POST');
    expect(post.request.body).toEqual({ kind: 'cohort-progress' });
    post.flush(
      { statusCode: 400, error: 'Bad Request', message: 'Invalid kind', details: [{ field: 'kind', problems: ['kind "x" is not one of: cohort-progress'] }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Invalid kind');
    expect(el.querySelector('#export-kind-error')?.textContent).toContain('is not one of');
  });

  const tick = () => new Promise((resolve) => setTimeout(resolve, EXPORT_POLL_MS + 100));

  it('polls running exports every second until they are ready, then downloads the file', async () => {
    signInAs(admin);
    const { fixture, el } = await render();
    api.expectOne((r) => r.url === '/api/exports').flush({ items: [summary(), summary({ id: 'e2', status: 'failed', error: 'The export failed: boom', percent: 0 })], nextCursor: null });
    await fixture.whenStable();
    const row = () => el.querySelector('tr[data-export-id="e1"]') as HTMLElement;
    expect(row().querySelector('progress')?.getAttribute('value')).toBe('25');
    expect(row().textContent).toContain('1,000 rows of 4,000');
    expect(row().textContent).toContain('Avi Advisor');
    expect(el.querySelector('tr[data-export-id="e2"]')?.textContent).toContain('The export failed: boom');

    await tick();
    api.expectOne('/api/exports/e1').flush(summary({ percent: 75, doneRows: 3000 }));
    await fixture.whenStable();
    expect(row().querySelector('progress')?.getAttribute('value')).toBe('75');

    await tick();
    const finishedAt = new Date().toISOString();
    api.expectOne('/api/exports/e1').flush(summary({ status: 'done', percent: 100, doneRows: 4000, fileSize: 2_500_000, finishedAt, expiresAt: finishedAt }));
    await fixture.whenStable();
    expect(row().querySelector('progress')).toBeNull();
    expect(row().textContent).toContain('Ready');
    expect(row().textContent).toContain('4,000 rows');
    expect(row().textContent).toContain('2.4 MB');
    expect(el.querySelector('[role=status]')?.textContent).toContain('Cohort progress export is ready to download.');
    await tick();
    api.expectNone((r) => r.url.startsWith('/api/exports/'));

    const createObjectURL = jest.fn(() => 'blob:x');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    button(row(), 'Download').click();
    const download = api.expectOne('/api/exports/e1/download');
    expect(download.request.responseType).toBe('blob');
    download.flush(new Blob(['a,b\n']), { headers: { 'content-disposition': 'attachment; filename="cohort-progress-fall-cohort-2026-01-02.csv"' } });
    await fixture.whenStable();
    expect(createObjectURL).toHaveBeenCalled();
    expect(click).toHaveBeenCalled();
    expect(el.querySelector('[role=status]')?.textContent).toContain('Downloading cohort-progress-fall-cohort-2026-01-02.csv.');
    click.mockRestore();
  }, 15_000);

  it('explains an expired download with the API’s message', async () => {
    signInAs(advisor);
    const { fixture, el } = await render();
    const finishedAt = new Date().toISOString();
    api.expectOne((r) => r.url === '/api/exports').flush({ items: [summary({ status: 'done', percent: 100, fileSize: 10, finishedAt, expiresAt: finishedAt })], nextCursor: null });
    await fixture.whenStable();
    button(el, 'Download').click();
    api
      .expectOne('/api/exports/e1/download')
      .flush(new Blob([JSON.stringify({ statusCode: 410, error: 'Gone', message: 'This export expired on 2026-01-09; request a new one' })]), { status: 410, statusText: 'Gone' });
    // The error body is read from a Blob on its own schedule; the row refreshes once it is.
    await settleUntil(fixture, () => !!el.querySelector('tr[data-export-id="e1"]')?.textContent?.includes('request a new one'));
    api.expectOne('/api/exports/e1').flush(summary({ status: 'expired', percent: 100, finishedAt, expiresAt: finishedAt }));
    await fixture.whenStable();
    const row = el.querySelector('tr[data-export-id="e1"]') as HTMLElement;
    expect(row.textContent).toContain('This export expired on 2026-01-09; request a new one');
    expect(row.textContent).toContain('Expired — request a new one');
  });
});
