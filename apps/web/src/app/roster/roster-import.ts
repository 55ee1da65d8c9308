import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ROSTER_COLUMNS, ROSTER_MAX_ROWS, type RosterImportRecord, type RosterImportReport, type RosterRemoval, type RosterRowResult, type RosterSyncCounts } from '@fieldwork/contracts';
import {
  ROSTER_EXAMPLE_ROWS,
  RosterHistoryService,
  RosterService,
  TenantTime,
  readApiError,
  rosterExampleCsv,
  rosterFileProblem,
} from '@fieldwork/web-core';
import { DataTableColumn, FwAlert, FwControl, FwDataTable, FwField, FwRow, cursorList, pageFocus } from '@fieldwork/web-ui';
import { Subscription, map } from 'rxjs';

/** At most this many error rows (and outcome rows) are drawn; the rest are counted. */
export const SHOWN_ERRORS = 500;

export const RESULT_LABELS: Record<RosterRowResult, string> = {
  added: 'Added',
  updated: 'Updated',
  unchanged: 'Unchanged',
  error: 'Error',
};

/** "2 added, 1 updated, 5 unchanged" (and "3 removed from their cohorts" when there are removals). */
export function countsText(counts: RosterSyncCounts, removeMissing: boolean): string {
  const parts = [`${counts.added} added`, `${counts.updated} updated`, `${counts.unchanged} unchanged`];
  if (removeMissing) parts.push(`${counts.removed} ${counts.removed === 1 ? 'membership' : 'memberships'} removed`);
  return parts.join(', ');
}

/** How one history entry went, in words. */
export function historyOutcome(record: RosterImportRecord): string {
  if (!record.ok) return record.dryRun ? 'Checked: has problems' : 'Refused: nothing imported';
  return record.dryRun ? 'Checked: looks good' : 'Imported';
}

/** The same words as the API's refusal of a file that is not text. */
export const NOT_CSV_TEXT = 'This is not a CSV file. In your spreadsheet, use "Save as" → "CSV UTF-8 (comma delimited)" and choose that file.';

/**
 * Whether the first bytes of a file look like text (UTF-8, no NUL bytes, few
 * control characters): a spreadsheet, PDF or picture renamed .csv does not.
 */
export function looksLikeText(bytes: Uint8Array): boolean {
  let controls = 0;
  for (const byte of bytes) {
    if (byte === 0) return false;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) controls++;
  }
  if (controls > Math.max(8, bytes.length / 100)) return false;
  try {
    // stream: a multi-byte character cut at the end of the sample is not an error
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function firstBytes(file: Blob, count: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file.slice(0, count));
  });
}

/** "2 students, 1 cohort and 2 cohort memberships" */
export function createdText(created: RosterImportReport['created']): string {
  const part = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return `${part(created.students, 'student', 'students')}, ${part(created.cohorts, 'cohort', 'cohorts')} and ${part(
    created.memberships,
    'cohort membership',
    'cohort memberships',
  )}`;
}

/** Admin: sync the roster from a CSV: check it (dry run: each row's outcome), then import it; all rows or none. And the history of imports. */
@Component({
  selector: 'app-roster-import',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, FwField, FwControl, FwAlert, FwDataTable, FwRow],
  templateUrl: './roster-import.html',
})
export class RosterImport {
  private readonly roster = inject(RosterService);
  private readonly historyService = inject(RosterHistoryService);
  private readonly time = inject(TenantTime);
  private readonly focus = pageFocus();
  private upload: Subscription | null = null;

  protected readonly columns = ROSTER_COLUMNS;
  protected readonly maxRows = ROSTER_MAX_ROWS;
  protected readonly shownErrors = SHOWN_ERRORS;
  protected readonly exampleCsv = rosterExampleCsv();
  protected readonly exampleRows = ROSTER_EXAMPLE_ROWS;
  protected readonly exampleUrl: string | null;

  protected readonly file = signal<File | null>(null);
  protected readonly fileError = signal<string | null>(null);
  protected readonly running = signal<'check' | 'import' | null>(null);
  protected readonly sent = signal<number | null>(null);
  protected readonly total = signal<number | null>(null);
  protected readonly report = signal<RosterImportReport | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly removeMissing = signal(false);
  /** The newest checks and imports (one page: the API sends the latest only). */
  protected readonly history = cursorList(
    () => this.historyService.list().pipe(map(({ items }) => ({ items, nextCursor: null }))),
    { errorMessage: (err) => readApiError(err, 'Could not load the import history.').message },
  );
  protected readonly removalColumns: DataTableColumn[] = [{ header: 'Name' }, { header: 'Email' }, { header: 'Cohort' }];
  protected readonly errorColumns: DataTableColumn[] = [{ header: 'Line' }, { header: 'Email' }, { header: 'Problems' }];
  protected readonly historyColumns: DataTableColumn[] = [
    { header: 'When' },
    { header: 'By' },
    { header: 'Outcome' },
    { header: 'Rows' },
    { header: 'Problems' },
  ];
  protected readonly removalKey = (removal: RosterRemoval) => removal.userId + removal.cohortId;
  protected readonly historyKey = (record: RosterImportRecord) => record.id;
  protected readonly resultLabels = RESULT_LABELS;
  protected readonly countsText = countsText;
  protected readonly historyOutcome = historyOutcome;

  protected readonly percent = computed(() => {
    const sent = this.sent();
    const total = this.total();
    return sent !== null && total ? Math.min(100, Math.round((sent / total) * 100)) : null;
  });
  protected readonly uploaded = computed(() => this.percent() === 100);
  protected readonly shownRows = computed(() => this.report()?.errors.slice(0, SHOWN_ERRORS) ?? []);
  protected readonly shownOutcomes = computed(() => this.report()?.outcomes?.slice(0, SHOWN_ERRORS) ?? []);
  protected readonly createdText = createdText;

  constructor() {
    const url = typeof URL.createObjectURL === 'function' ? URL.createObjectURL(new Blob([this.exampleCsv], { type: 'text/csv' })) : null;
    this.exampleUrl = url;
    inject(DestroyRef).onDestroy(() => {
      this.upload?.unsubscribe();
      if (url) URL.revokeObjectURL(url);
    });
    this.history.reload();
  }

  protected when(iso: string): string {
    return this.time.format(iso);
  }

  protected onRemoveMissing(event: Event): void {
    this.removeMissing.set((event.target as HTMLInputElement).checked);
    this.report.set(null);
  }

  protected onFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0] ?? null;
    this.file.set(file);
    this.report.set(null);
    this.error.set(null);
    const problem = file ? rosterFileProblem(file) : null;
    this.fileError.set(problem);
    if (file && !problem) void this.sniff(file);
  }

  /** Refuses a file that is not text before it is uploaded (the API refuses it too). */
  private async sniff(file: File): Promise<void> {
    try {
      const text = looksLikeText(await firstBytes(file, 4096));
      if (!text && this.file() === file) this.fileError.set(NOT_CSV_TEXT);
    } catch {
      // unreadable here: the API will say what is wrong
    }
  }

  protected start(dryRun: boolean): void {
    if (this.running()) return;
    const file = this.file();
    const problem = rosterFileProblem(file) ?? (this.fileError() === NOT_CSV_TEXT ? NOT_CSV_TEXT : null);
    this.fileError.set(problem);
    if (problem || !file) {
      this.focus.after('#roster-file');
      return;
    }
    this.report.set(null);
    this.error.set(null);
    this.sent.set(0);
    this.total.set(file.size);
    this.running.set(dryRun ? 'check' : 'import');
    this.upload = this.roster.upload(file, dryRun, this.removeMissing()).subscribe({
      next: (event) => {
        if (event.type === 'progress') {
          this.sent.set(event.loaded);
          if (event.total) this.total.set(event.total);
        } else {
          this.running.set(null);
          this.report.set(event.report);
          this.focus.after('#roster-result');
          this.history.reload();
        }
      },
      error: (err: unknown) => {
        this.running.set(null);
        this.error.set(readApiError(err, 'The upload failed. Please try again.').message);
        this.focus.after('#roster-error');
        this.history.reload();
      },
    });
  }

  protected cancel(): void {
    this.upload?.unsubscribe();
    this.running.set(null);
    this.sent.set(null);
  }
}
