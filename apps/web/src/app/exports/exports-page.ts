import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, type ValidationErrors } from '@angular/forms';
import { ADMIN_ONLY_EXPORT_KINDS, EXPORT_KINDS, type CohortSummary, type ExportKind, type ExportSummary } from '@fieldwork/contracts';
import { AuthService, CohortsService, EXPORT_KIND_NAMES, EXPORT_STATUS_LABELS, ExportsService, exportKindLabel, fileSizeText, TenantTime, fullDateTimeText, isExportActive, readApiError, relativeTimeText, rowCountText, saveFile } from '@fieldwork/web-core';
import { FwAlert, FwControl, FwField, FwLoadMore, FwStatusBadge, FwSubmitActions, cursorList, pageFocus } from '@fieldwork/web-ui';
import { forkJoin, interval } from 'rxjs';

export const EXPORTS_PAGE_SIZE = 20;
/** While an export is queued or running, its progress is polled this often. */
export const EXPORT_POLL_MS = 1_000;

/** Admins and advisors: request a CSV export and download it when the worker is done. */
@Component({
  selector: 'app-exports-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FwAlert, FwField, FwControl, FwLoadMore, FwStatusBadge, FwSubmitActions],
  templateUrl: './exports-page.html',
  styles: `
    .export-progress {
      display: block;
      width: 100%;
      max-width: 10rem;
      margin-top: 0.375rem;
    }
    .export-percent {
      font-variant-numeric: tabular-nums;
    }
    .badge--export-queued,
    .badge--export-expired {
      background: #eceeef;
      color: #3d464b;
    }
    .badge--export-running {
      background: var(--fw-primary-soft);
      color: var(--fw-primary-hover);
    }
    .badge--export-done {
      background: var(--fw-success-soft);
      color: #14512f;
    }
    .badge--export-failed {
      background: var(--fw-danger-soft);
      color: #7d1d14;
    }
  `,
})
export class ExportsPage {
  private readonly exports = inject(ExportsService);
  private readonly cohortsApi = inject(CohortsService);
  private readonly auth = inject(AuthService);
  private readonly focus = pageFocus();
  private polling = false;

  protected readonly isAdmin = computed(() => this.auth.user()?.role === 'admin');
  protected readonly kinds = computed(() =>
    EXPORT_KINDS.filter((kind) => this.isAdmin() || !ADMIN_ONLY_EXPORT_KINDS.includes(kind)).map((value) => ({ value, label: exportKindLabel(value) })),
  );
  protected readonly kindName = (kind: ExportKind) => EXPORT_KIND_NAMES[kind];
  protected readonly statusLabels = EXPORT_STATUS_LABELS;
  protected readonly size = fileSizeText;
  protected readonly rows = rowCountText;
  private readonly time = inject(TenantTime);
  /** In the career center's zone: "3 hours ago", then "Mar 3". */
  protected readonly relative = (iso: string) => relativeTimeText(iso, new Date(), this.time.zone());
  /** "Mar 3, 2026, 3:04 PM" in the career center's zone (" ET" when the browser is elsewhere). */
  protected readonly full = (iso: string) => fullDateTimeText(iso, this.time.zone());
  protected readonly active = isExportActive;

  /** Advisors export one of their cohorts; admins may leave it empty for the whole career center. */
  protected readonly form = inject(FormBuilder).nonNullable.group({
    kind: ['cohort-progress' as ExportKind],
    cohortId: ['', (control: { value: string }): ValidationErrors | null => (!this.isAdmin() && !control.value ? { required: true } : null)],
  });
  protected readonly cohortMessages = { required: 'Choose one of your cohorts.' };
  protected readonly cohorts = signal<CohortSummary[]>([]);
  protected readonly fieldErrors = signal<Partial<Record<'kind' | 'cohortId', string>>>({});
  protected readonly formError = signal<string | null>(null);
  protected readonly submitting = signal(false);

  protected readonly list = cursorList((cursor) => this.exports.list({ cursor: cursor ?? undefined, limit: EXPORTS_PAGE_SIZE }), {
    errorMessage: (err) => readApiError(err, 'Could not load your exports.').message,
  });
  protected readonly downloadErrors = signal<Record<string, string>>({});
  protected readonly downloading = signal<ReadonlySet<string>>(new Set());
  protected readonly announcement = signal('');

  constructor() {
    this.cohortsApi.list({ limit: 200 }).subscribe({
      next: (page) => {
        this.cohorts.set(page.items);
        if (!this.isAdmin() && page.items.length === 1) this.form.controls.cohortId.setValue(page.items[0].id);
      },
      error: (err: unknown) => this.formError.set(readApiError(err, 'Could not load your cohorts.').message),
    });
    interval(EXPORT_POLL_MS)
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.poll());
    this.list.reload();
  }

  protected submit(): void {
    this.formError.set(null);
    this.fieldErrors.set({});
    if (!this.focus.canSubmit(this.form, this.submitting())) return;
    const { kind, cohortId } = this.form.getRawValue();
    this.submitting.set(true);
    this.exports.request({ kind, cohortId: cohortId || undefined }).subscribe({
      next: ({ id }) => {
        this.submitting.set(false);
        this.announcement.set('Export requested. It will be ready to download here in a moment.');
        this.exports.get(id).subscribe({ next: (summary) => this.list.replace((list) => [summary, ...list.filter((item) => item.id !== id)]) });
      },
      error: (err: unknown) => {
        this.submitting.set(false);
        const readable = readApiError(err, 'Could not request the export.');
        this.fieldErrors.set({ kind: readable.fieldErrors['kind'], cohortId: readable.fieldErrors['cohortId'] });
        this.formError.set(readable.message);
      },
    });
  }

  protected isDownloading(item: ExportSummary): boolean {
    return this.downloading().has(item.id);
  }

  protected download(item: ExportSummary): void {
    if (this.isDownloading(item)) return;
    this.downloading.update((ids) => new Set(ids).add(item.id));
    this.downloadErrors.update((errors) => {
      const next = { ...errors };
      delete next[item.id];
      return next;
    });
    const done = () =>
      this.downloading.update((ids) => {
        const next = new Set(ids);
        next.delete(item.id);
        return next;
      });
    this.exports.download(item.id).subscribe({
      next: ({ blob, filename }) => {
        saveFile(blob, filename);
        this.announcement.set(`Downloading ${filename}.`);
        done();
      },
      error: (err: unknown) => {
        const readable = readApiError(err, 'Could not download the export.');
        this.downloadErrors.update((errors) => ({ ...errors, [item.id]: readable.message }));
        if (readable.status === 410) this.refresh(item.id);
        done();
      },
    });
  }

  /** Every second: fresh progress for the exports still being written. */
  private poll(): void {
    const running = this.list.items().filter(isExportActive);
    if (!running.length || this.polling) return;
    this.polling = true;
    forkJoin(running.map((item) => this.exports.get(item.id))).subscribe({
      next: (fresh) => {
        this.polling = false;
        const byId = new Map(fresh.map((item) => [item.id, item]));
        for (const item of fresh) {
          if (item.status === 'done') this.announcement.set(`${EXPORT_KIND_NAMES[item.kind]} export is ready to download.`);
          if (item.status === 'failed') this.announcement.set(`${EXPORT_KIND_NAMES[item.kind]} export failed.`);
        }
        this.list.replace((list) => list.map((item) => byId.get(item.id) ?? item));
      },
      error: () => (this.polling = false),
    });
  }

  private refresh(id: string): void {
    this.exports.get(id).subscribe({ next: (fresh) => this.list.replace((list) => list.map((item) => (item.id === id ? fresh : item))) });
  }
}
