import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ADMIN_ONLY_EXPORT_KINDS, EXPORT_KINDS, type CohortSummary, type ExportKind, type ExportSummary } from '@fieldwork/contracts';
import { AuthService, CohortsService, EXPORT_KIND_NAMES, EXPORT_STATUS_LABELS, ExportsService, exportKindLabel, fileSizeText, TenantTime, fullDateTimeText, isExportActive, readApiError, relativeTimeText, rowCountText, saveFile } from '@fieldwork/web-core';
import { Subscription, forkJoin, interval } from 'rxjs';

export const EXPORTS_PAGE_SIZE = 20;
/** While an export is queued or running, its progress is polled this often. */
export const EXPORT_POLL_MS = 1_000;

/** Admins and advisors: request a CSV export and download it when the worker is done. */
@Component({
  selector: 'app-exports-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
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
  private listRequest: Subscription | null = null;
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

  protected readonly kind = signal<ExportKind>('cohort-progress');
  protected readonly cohortId = signal('');
  protected readonly cohorts = signal<CohortSummary[]>([]);
  protected readonly fieldErrors = signal<Partial<Record<'kind' | 'cohortId', string>>>({});
  protected readonly formError = signal<string | null>(null);
  protected readonly submitting = signal(false);

  protected readonly items = signal<ExportSummary[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadingMore = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly downloadErrors = signal<Record<string, string>>({});
  protected readonly downloading = signal<ReadonlySet<string>>(new Set());
  protected readonly announcement = signal('');

  constructor() {
    inject(DestroyRef).onDestroy(() => this.listRequest?.unsubscribe());
    this.cohortsApi.list({ limit: 200 }).subscribe({
      next: (page) => {
        this.cohorts.set(page.items);
        if (!this.isAdmin() && page.items.length === 1) this.cohortId.set(page.items[0].id);
      },
      error: (err: unknown) => this.formError.set(readApiError(err, 'Could not load your cohorts.').message),
    });
    interval(EXPORT_POLL_MS)
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.poll());
    this.fetch(null);
  }

  protected onKind(event: Event): void {
    this.kind.set((event.target as HTMLSelectElement).value as ExportKind);
    this.fieldErrors.set({});
  }

  protected onCohort(event: Event): void {
    this.cohortId.set((event.target as HTMLSelectElement).value);
    this.fieldErrors.update(({ kind }) => ({ kind }));
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.submitting()) return;
    this.formError.set(null);
    if (!this.isAdmin() && !this.cohortId()) {
      this.fieldErrors.set({ cohortId: 'Choose one of your cohorts.' });
      document.getElementById('export-cohort')?.focus();
      return;
    }
    this.fieldErrors.set({});
    this.submitting.set(true);
    this.exports.request({ kind: this.kind(), cohortId: this.cohortId() || undefined }).subscribe({
      next: ({ id }) => {
        this.submitting.set(false);
        this.announcement.set('Export requested. It will be ready to download here in a moment.');
        this.exports.get(id).subscribe({ next: (summary) => this.items.update((list) => [summary, ...list.filter((item) => item.id !== id)]) });
      },
      error: (err: unknown) => {
        this.submitting.set(false);
        const readable = readApiError(err, 'Could not request the export.');
        this.fieldErrors.set({ kind: readable.fieldErrors['kind'], cohortId: readable.fieldErrors['cohortId'] });
        this.formError.set(readable.message);
      },
    });
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (cursor && !this.loadingMore()) this.fetch(cursor);
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
    const running = this.items().filter(isExportActive);
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
        this.items.update((list) => list.map((item) => byId.get(item.id) ?? item));
      },
      error: () => (this.polling = false),
    });
  }

  private refresh(id: string): void {
    this.exports.get(id).subscribe({ next: (fresh) => this.items.update((list) => list.map((item) => (item.id === id ? fresh : item))) });
  }

  private fetch(cursor: string | null): void {
    const append = cursor !== null;
    if (append) {
      this.loadingMore.set(true);
    } else {
      this.listRequest?.unsubscribe();
      this.loading.set(true);
    }
    this.loadError.set(null);
    const request = this.exports.list({ cursor: cursor ?? undefined, limit: EXPORTS_PAGE_SIZE }).subscribe({
      next: (page) => {
        this.items.update((list) => (append ? [...list, ...page.items] : page.items));
        this.nextCursor.set(page.nextCursor);
        this.loading.set(false);
        this.loadingMore.set(false);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.loadingMore.set(false);
        this.loadError.set(readApiError(err, 'Could not load your exports.').message);
      },
    });
    if (!append) this.listRequest = request;
  }

  protected reload(): void {
    this.fetch(null);
  }
}
