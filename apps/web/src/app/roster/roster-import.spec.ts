import { HttpEventType } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import type { RosterImportRecord, RosterImportReport } from '@fieldwork/contracts';
import { apiError, render, settleUntil, setUpApiTest } from '../shared/testing';
import { NOT_CSV_TEXT, RosterImport, countsText, createdText, historyOutcome, looksLikeText } from './roster-import';

/** A roster report: nothing created, changed or refused, but for `over`. */
function reportOf(over: Partial<RosterImportReport>): RosterImportReport {
  return {
    dryRun: true,
    ok: true,
    rows: 0,
    errors: [],
    created: { students: 0, cohorts: 0, memberships: 0 },
    removeMissing: false,
    counts: { added: 0, updated: 0, unchanged: 0, error: 0, removed: 0 },
    outcomes: [],
    removals: [],
    ...over,
  };
}

/** Clicks the button whose text is `text`. */
function clickButton(el: HTMLElement, text: string): void {
  [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === text)?.click();
}

describe('RosterImport', () => {
  let api: HttpTestingController;

  beforeEach(() => {
    api = setUpApiTest(RosterImport);
  });

  /** The page loads its history on open and after each run (a new load cancels the one before): answer those with `items`. */
  function answerHistory(items: RosterImportRecord[] = []): number {
    const pending = api.match((r) => r.url === '/api/rosters/imports');
    for (const req of pending) if (!req.cancelled) req.flush({ items });
    return pending.length;
  }

  afterEach(() => {
    answerHistory();
    api.verify();
  });

  async function withFile() {
    const { fixture, el } = await render(RosterImport);
    const input = el.querySelector<HTMLInputElement>('#roster-file');
    if (!input) throw new Error('no file input');
    const file = new File(['email,name,student_id,cohort\n'], 'roster.csv', { type: 'text/csv' });
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    /** Presses Import or Check file: the upload request. */
    const upload = (label: 'Import' | 'Check file') => {
      clickButton(el, label);
      return api.expectOne((r) => r.url === '/api/rosters/import');
    };
    return { fixture, el, upload };
  }

  it('shows upload progress, then the errors, and says nothing was imported', async () => {
    const { fixture, el, upload } = await withFile();
    const req = upload('Import');
    expect(req.request.params.get('dryRun')).toBe('false');
    req.event({ type: HttpEventType.UploadProgress, loaded: 10, total: 40 });
    await fixture.whenStable();
    expect(el.querySelector<HTMLProgressElement>('progress')?.value).toBe(25);
    expect(el.textContent).toContain('25%');

    const report = reportOf({
      dryRun: false,
      ok: false,
      rows: 3,
      errors: [
        { line: 2, email: 'bad', problems: ['bad email'] },
        { line: 4, email: 'a@b.c', problems: ['duplicate in file', 'unknown cohort'] },
      ],
      counts: { added: 1, updated: 0, unchanged: 0, error: 2, removed: 0 },
    });
    req.flush({ statusCode: 400, error: 'Bad Request', message: 'rows have problems', report }, { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    expect(el.textContent).toContain('Nothing was imported. Fix these rows and upload the file again.');
    const rows = [...el.querySelectorAll('.roster-errors tbody tr')].map((r) =>
      [...r.querySelectorAll('th, td li, td:not(:last-child)')].map((c) => c.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['2', 'bad', 'bad email'],
      ['4', 'a@b.c', 'duplicate in file', 'unknown cohort'],
    ]);
    expect(el.querySelector('progress')).toBeNull();
  });

  it('reports what a good dry run would create', async () => {
    const { fixture, el, upload } = await withFile();
    const req = upload('Check file');
    expect(req.request.params.get('dryRun')).toBe('true');
    const report = reportOf({
      rows: 3,
      created: { students: 2, cohorts: 1, memberships: 2 },
      counts: { added: 2, updated: 0, unchanged: 1, error: 0, removed: 0 },
      outcomes: [
        { line: 2, email: 'ana@x.test', result: 'added', changes: [], problems: [] },
        { line: 3, email: 'ben@x.test', result: 'added', changes: [], problems: [] },
        { line: 4, email: 'cy@x.test', result: 'unchanged', changes: [], problems: [] },
      ],
    });
    req.flush(report);
    await fixture.whenStable();
    expect(el.querySelector('#roster-result')?.textContent).toContain('The file looks good');
    expect(el.textContent).toContain('would create 2 students, 1 cohort and 2 cohort memberships');
    expect(el.textContent).toContain('Rows: 2 added, 0 updated, 1 unchanged.');
    const rows = [...el.querySelectorAll('.roster-outcomes tbody tr')].map((r) => r.getAttribute('data-result'));
    expect(rows).toEqual(['added', 'added', 'unchanged']);
  });

  it('sends removeMissing when the box is ticked and lists who would be removed and what changes', async () => {
    const { fixture, el, upload } = await withFile();
    const box = el.querySelector<HTMLInputElement>('#roster-remove-missing') as HTMLInputElement;
    expect(box.checked).toBe(false);
    box.click();
    await fixture.whenStable();
    const req = upload('Check file');
    expect(req.request.params.get('removeMissing')).toBe('true');
    req.flush(
      reportOf({
        rows: 1,
        removeMissing: true,
        counts: { added: 0, updated: 1, unchanged: 0, error: 0, removed: 1 },
        outcomes: [{ line: 2, email: 'ana@x.test', result: 'updated', changes: ['name: "Ana" → "Ana Alves"'], problems: [] }],
        removals: [{ userId: 'u2', name: 'Ben Brown', email: 'ben@x.test', cohortId: 'c1', cohortName: 'Fall' }],
      }),
    );
    await fixture.whenStable();
    expect(el.textContent).toContain('Rows: 0 added, 1 updated, 0 unchanged, 1 membership removed.');
    expect(el.querySelector('.roster-outcomes tbody tr')?.textContent).toContain('name: "Ana" → "Ana Alves"');
    const removal = [...el.querySelectorAll('.roster-removals tbody tr td, .roster-removals tbody tr th')].map((c) => c.textContent?.trim());
    expect(removal).toEqual(['Ben Brown', 'ben@x.test', 'Fall']);
    expect(el.textContent).toContain('To remove from their cohorts');
  });

  it('shows the history: who, how it went, the counts and the problems', async () => {
    const { fixture } = await render(RosterImport);
    const record = (over: Partial<RosterImportRecord>): RosterImportRecord => ({
      id: 'h1',
      occurredAt: '2026-11-30T15:00:00.000Z',
      by: { kind: 'user', id: 'u1', name: 'Ada Admin' },
      dryRun: false,
      removeMissing: false,
      ok: true,
      rows: 3,
      counts: { added: 1, updated: 1, unchanged: 1, error: 0, removed: 0 },
      errorSummary: null,
      ...over,
    });
    expect(
      answerHistory([
        record({ id: 'h2', by: { kind: 'api-token', id: 't1', name: 'Nightly' }, ok: false, counts: { added: 0, updated: 0, unchanged: 0, error: 1, removed: 0 }, errorSummary: 'line 2: bad email "x"' }),
        record({}),
      ]),
    ).toBe(1);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const rows = [...el.querySelectorAll('.roster-history tbody tr')].map((r) => r.textContent?.replace(/\s+/g, ' ').trim());
    expect(rows[0]).toContain('API token “Nightly”');
    expect(rows[0]).toContain('Refused: nothing imported');
    expect(rows[0]).toContain('line 2: bad email "x"');
    expect(rows[1]).toContain('Ada Admin');
    expect(rows[1]).toContain('Imported');
    expect(rows[1]).toContain('3 · 1 added, 1 updated, 1 unchanged');
    expect(historyOutcome(record({ dryRun: true }))).toBe('Checked: looks good');
    expect(countsText({ added: 0, updated: 0, unchanged: 0, error: 0, removed: 2 }, true)).toBe('0 added, 0 updated, 0 unchanged, 2 memberships removed');
  });

  it('asks for a CSV file before uploading', async () => {
    const { fixture, el } = await render(RosterImport);
    clickButton(el, 'Check file');
    await fixture.whenStable();
    expect(el.querySelector('#roster-file-error')?.textContent).toBe('Choose a CSV file first.');
    expect(createdText({ students: 1, cohorts: 0, memberships: 1 })).toBe('1 student, 0 cohorts and 1 cohort membership');
  });

  it('refuses a file that is not text as "not a CSV file" before uploading', async () => {
    const { fixture, el } = await render(RosterImport);
    const input = el.querySelector<HTMLInputElement>('#roster-file') as HTMLInputElement;
    const xlsx = new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0xff, 0xfe])], 'roster.csv', {
      type: 'text/csv',
    });
    Object.defineProperty(input, 'files', { value: [xlsx] });
    input.dispatchEvent(new Event('change'));
    const fileError = () => el.querySelector('#roster-file-error')?.textContent;
    await settleUntil(fixture, () => fileError() === NOT_CSV_TEXT);
    expect(fileError()).toBe(NOT_CSV_TEXT);
    clickButton(el, 'Check file');
    await fixture.whenStable();
    api.expectNone('/api/rosters/import?dryRun=true');
  });

  it('shows the API’s plain words for a file it cannot read', async () => {
    const { fixture, el, upload } = await withFile();
    const req = upload('Check file');
    req.flush(...apiError(400, 'The file is not a readable CSV file: a quote (") is opened and never closed (line 3)'));
    await fixture.whenStable();
    expect(el.textContent).toContain('a quote (") is opened and never closed (line 3)');
    expect(el.textContent).not.toMatch(/Invalid Opening Quote|CSV_QUOTE/);
  });

  it('tells text from binary by the first bytes', () => {
    expect(looksLikeText(new TextEncoder().encode('email,name\nana@x.test,Ana Álves\n'))).toBe(true);
    expect(looksLikeText(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00]))).toBe(false);
    expect(looksLikeText(new Uint8Array([0xc3]))).toBe(true);
    expect(looksLikeText(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe(false);
  });
});
