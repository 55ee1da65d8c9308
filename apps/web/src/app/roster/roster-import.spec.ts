import { HttpEventType, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { RosterImportReport } from '@fieldwork/contracts';
import { NOT_CSV_TEXT, RosterImport, createdText, looksLikeText } from './roster-import';

describe('RosterImport', () => {
  let api: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [RosterImport],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    api = TestBed.inject(HttpTestingController);
  });

  afterEach(() => api.verify());

  async function withFile() {
    const fixture = TestBed.createComponent(RosterImport);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const input = el.querySelector<HTMLInputElement>('#roster-file');
    if (!input) throw new Error('no file input');
    const file = new File(['email,name,student_id,cohort\n'], 'roster.csv', { type: 'text/csv' });
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    const click = (text: string) =>
      [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === text)?.click();
    return { fixture, el, click };
  }

  it('shows upload progress, then the errors, and says nothing was imported', async () => {
    const { fixture, el, click } = await withFile();
    click('Import');
    const req = api.expectOne((r) => r.url === '/api/rosters/import');
    expect(req.request.params.get('dryRun')).toBe('false');
    req.event({ type: HttpEventType.UploadProgress, loaded: 10, total: 40 });
    await fixture.whenStable();
    expect(el.querySelector<HTMLProgressElement>('progress')?.value).toBe(25);
    expect(el.textContent).toContain('25%');

    const report: RosterImportReport = {
      dryRun: false,
      ok: false,
      rows: 3,
      errors: [
        { line: 2, email: 'bad', problems: ['bad email'] },
        { line: 4, email: 'a@b.c', problems: ['duplicate in file', 'unknown cohort'] },
      ],
      created: { students: 0, cohorts: 0, memberships: 0 },
    };
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
    const { fixture, el, click } = await withFile();
    click('Check file');
    const req = api.expectOne((r) => r.url === '/api/rosters/import');
    expect(req.request.params.get('dryRun')).toBe('true');
    req.flush({ dryRun: true, ok: true, rows: 2, errors: [], created: { students: 2, cohorts: 1, memberships: 2 } });
    await fixture.whenStable();
    expect(el.querySelector('#roster-result')?.textContent).toContain('The file looks good');
    expect(el.textContent).toContain('would create 2 students, 1 cohort and 2 cohort memberships');
  });

  it('asks for a CSV file before uploading', async () => {
    const fixture = TestBed.createComponent(RosterImport);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Check file')?.click();
    await fixture.whenStable();
    expect(el.querySelector('#roster-file-error')?.textContent).toBe('Choose a CSV file first.');
    expect(createdText({ students: 1, cohorts: 0, memberships: 1 })).toBe('1 student, 0 cohorts and 1 cohort membership');
  });

  it('refuses a file that is not text as "not a CSV file" before uploading', async () => {
    const fixture = TestBed.createComponent(RosterImport);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const input = el.querySelector<HTMLInputElement>('#roster-file') as HTMLInputElement;
    const xlsx = new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0xff, 0xfe])], 'roster.csv', {
      type: 'text/csv',
    });
    Object.defineProperty(input, 'files', { value: [xlsx] });
    input.dispatchEvent(new Event('change'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await fixture.whenStable();
    expect(el.querySelector('#roster-file-error')?.textContent).toBe(NOT_CSV_TEXT);
    [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Check file')?.click();
    await fixture.whenStable();
    api.expectNone('/api/rosters/import?dryRun=true');
  });

  it('shows the API’s plain words for a file it cannot read', async () => {
    const { fixture, el, click } = await withFile();
    click('Check file');
    const req = api.expectOne((r) => r.url.startsWith('/api/rosters/import'));
    req.flush({ statusCode: 400, error: 'Bad Request', message: 'The file is not a readable CSV file: a quote (") is opened and never closed (line 3)' }, { status: 400, statusText: 'Bad Request' });
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
