import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { ROSTER_COLUMNS, ROSTER_MAX_ROWS, type RosterImportReport } from '@fieldwork/contracts';
import {
  ROSTER_EXAMPLE_ROWS,
  RosterService,
  readApiError,
  rosterExampleCsv,
  rosterFileProblem,
} from '@fieldwork/web-core';
import { Subscription } from 'rxjs';

/** At most this many error rows are drawn; the rest are counted. */
export const SHOWN_ERRORS = 500;

/** "2 students, 1 cohort and 2 cohort memberships" */
export function createdText(created: RosterImportReport['created']): string {
  const part = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return `${part(created.students, 'student', 'students')}, ${part(created.cohorts, 'cohort', 'cohorts')} and ${part(
    created.memberships,
    'cohort membership',
    'cohort memberships',
  )}`;
}

/** Admin: check a roster CSV (dry run), then import it; all rows or none. */
@Component({
  selector: 'app-roster-import',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  templateUrl: './roster-import.html',
})
export class RosterImport {
  private readonly roster = inject(RosterService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
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

  protected readonly percent = computed(() => {
    const sent = this.sent();
    const total = this.total();
    return sent !== null && total ? Math.min(100, Math.round((sent / total) * 100)) : null;
  });
  protected readonly uploaded = computed(() => this.percent() === 100);
  protected readonly shownRows = computed(() => this.report()?.errors.slice(0, SHOWN_ERRORS) ?? []);
  protected readonly createdText = createdText;

  constructor() {
    const url = typeof URL.createObjectURL === 'function' ? URL.createObjectURL(new Blob([this.exampleCsv], { type: 'text/csv' })) : null;
    this.exampleUrl = url;
    inject(DestroyRef).onDestroy(() => {
      this.upload?.unsubscribe();
      if (url) URL.revokeObjectURL(url);
    });
  }

  protected onFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0] ?? null;
    this.file.set(file);
    this.report.set(null);
    this.error.set(null);
    this.fileError.set(file ? rosterFileProblem(file) : null);
  }

  protected start(dryRun: boolean): void {
    if (this.running()) return;
    const file = this.file();
    const problem = rosterFileProblem(file);
    this.fileError.set(problem);
    if (problem || !file) {
      this.focus('#roster-file');
      return;
    }
    this.report.set(null);
    this.error.set(null);
    this.sent.set(0);
    this.total.set(file.size);
    this.running.set(dryRun ? 'check' : 'import');
    this.upload = this.roster.upload(file, dryRun).subscribe({
      next: (event) => {
        if (event.type === 'progress') {
          this.sent.set(event.loaded);
          if (event.total) this.total.set(event.total);
        } else {
          this.running.set(null);
          this.report.set(event.report);
          this.focus('#roster-result');
        }
      },
      error: (err: unknown) => {
        this.running.set(null);
        this.error.set(readApiError(err, 'The upload failed. Please try again.').message);
        this.focus('#roster-error');
      },
    });
  }

  protected cancel(): void {
    this.upload?.unsubscribe();
    this.running.set(null);
    this.sent.set(null);
  }

  private focus(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }
}
