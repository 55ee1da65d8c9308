import { ChangeDetectionStrategy, Component, DestroyRef, Injector, afterNextRender, computed, inject, input, output, signal } from '@angular/core';
import type { TenantExportSummary, TenantSummary } from '@fieldwork/contracts';
import { OffboardingService, fileDownloads, formatInZone, readApiError } from '@fieldwork/web-core';
import { FwAlert, FwControl, FwField, FwStatusBadge, pageFocus } from '@fieldwork/web-ui';

/** How often a running export's progress is read. */
export const EXPORT_POLL_MS = 1_000;

/**
 * Operator: one career center's offboarding — export every row of it as a ZIP
 * (progress, then the download), delete it (a two-step confirmation: the
 * consequences, then typing its short name), and restore it during the grace
 * period. Shows its state and the day its data will be deleted.
 */
@Component({
  selector: 'app-tenant-offboarding',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FwField, FwControl, FwAlert, FwStatusBadge],
  template: `
    <div class="offboarding">
      @switch (tenant().state) {
        @case ('active') {
          <p class="status-line"><fw-status-badge tone="active" label="Active" /></p>
        }
        @case ('closing') {
          <p class="status-line">
            <fw-status-badge tone="deactivated" label="Being closed" />
            Sign-in is refused. Its data will be deleted on <strong>{{ deleteOn() }}</strong>; restore it before then to keep it.
          </p>
        }
        @case ('deleting') {
          <p class="status-line"><fw-status-badge tone="deactivated" label="Being deleted" /> Its data is being deleted now.</p>
        }
      }

      @if (exportInfo(); as current) {
        @if (current.status === 'queued' || current.status === 'running') {
          <p class="status-line" role="status">
            <label [attr.for]="'export-progress-' + tenant().id">Exporting {{ tenant().name }}: {{ current.percent }}%</label>
            <progress [id]="'export-progress-' + tenant().id" max="100" [value]="current.percent">{{ current.percent }}%</progress>
          </p>
        } @else if (current.status === 'done') {
          <p class="status-line">
            Export ready{{ current.fileSize !== null ? ' (' + size(current.fileSize) + ')' : '' }}, until {{ expiresOn(current) }}.
          </p>
        } @else if (current.status === 'failed') {
          <p class="status-line">The last export failed: {{ current.error }}</p>
        }
      }

      <div class="form-actions">
        @if (tenant().state !== 'deleting') {
          <button type="button" class="button button--secondary button--small" [attr.aria-disabled]="exportBusy() ? true : null" (click)="startExport()">
            {{ exportBusy() ? 'Exporting…' : 'Export' }}<span class="visually-hidden"> {{ tenant().name }}</span>
          </button>
        }
        @if (exportInfo()?.status === 'done') {
          <button type="button" class="button button--secondary button--small" [attr.aria-disabled]="downloads.pending() ? true : null" (click)="download()">
            {{ downloads.pending() ? 'Downloading…' : 'Download ZIP' }}<span class="visually-hidden"> of {{ tenant().name }}</span>
          </button>
        }
        @if (tenant().state === 'active' && !confirming()) {
          <button type="button" class="button button--danger button--small" (click)="askToDelete()">
            Delete…<span class="visually-hidden"> {{ tenant().name }}</span>
          </button>
        }
        @if (tenant().state === 'closing') {
          <button type="button" class="button button--small" [attr.aria-disabled]="pending() ? true : null" (click)="restore()">
            {{ pending() ? 'Restoring…' : 'Restore' }}<span class="visually-hidden"> {{ tenant().name }}</span>
          </button>
        }
      </div>

      @if (confirming()) {
        <form class="alert alert--error" (submit)="$event.preventDefault(); confirmDelete()" [attr.aria-labelledby]="'delete-heading-' + tenant().id">
          <h3 [id]="'delete-heading-' + tenant().id" tabindex="-1">Delete {{ tenant().name }}?</h3>
          <p>
            Nobody of this career center can sign in from the moment you confirm. After the grace period (7 days unless the platform is set otherwise), every record of it —
            people, cohorts, homework, reflections, contacts, exports and files — is deleted for good. Until then you can restore it.
            Export it first if its data should be handed over.
          </p>
          <fw-field [label]="'Type its short name, ' + tenant().slug + ', to confirm'" [error]="confirmError()">
            <input
              [id]="'confirm-slug-' + tenant().id"
              fwControl
              type="text"
              autocomplete="off"
              autocapitalize="none"
              spellcheck="false"
              [value]="typed()"
              (input)="typed.set($any($event.target).value)"
            />
          </fw-field>
          <div class="form-actions">
            <button type="submit" class="button button--danger" [attr.aria-disabled]="!matches() || pending() ? true : null">
              {{ pending() ? 'Deleting…' : 'Delete career center' }}
            </button>
            <button type="button" class="button button--secondary" (click)="cancelDelete()">Cancel</button>
          </div>
        </form>
      }

      @if (error()) {
        <fw-alert kind="error"><p>{{ error() }}</p></fw-alert>
      }
      <p class="visually-hidden" aria-live="polite">{{ announcement() }}</p>
    </div>
  `,
})
export class TenantOffboarding {
  readonly tenant = input.required<TenantSummary>();
  readonly changed = output<TenantSummary>();

  private readonly offboarding = inject(OffboardingService);
  private readonly focus = pageFocus();
  private readonly injector = inject(Injector);

  protected readonly confirming = signal(false);
  protected readonly typed = signal('');
  protected readonly confirmError = signal<string | null>(null);
  protected readonly pending = signal(false);
  protected readonly downloads = fileDownloads((message) => this.announcement.set(message));
  protected readonly error = signal<string | null>(null);
  protected readonly announcement = signal('');
  /** The export this screen started or last saw (fresher than the list's). */
  private readonly followed = signal<TenantExportSummary | null>(null);
  private timer: ReturnType<typeof setTimeout> | null = null;

  protected readonly exportInfo = computed(() => this.followed() ?? this.tenant().latestExport);
  protected readonly exportBusy = computed(() => ['queued', 'running'].includes(this.exportInfo()?.status ?? ''));
  protected readonly matches = computed(() => this.typed().trim().toLowerCase() === this.tenant().slug);
  protected readonly deleteOn = computed(() => formatInZone(this.tenant().deleteAfter, this.tenant().timezone, { year: 'always' }));

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stopPolling());
    afterNextRender(() => this.pollIfRunning(), { injector: this.injector });
  }

  protected expiresOn(summary: TenantExportSummary): string {
    return formatInZone(summary.expiresAt, this.tenant().timezone, { year: 'always' });
  }

  protected size(bytes: number): string {
    if (bytes < 1024) return `${bytes} bytes`;
    if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
    return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  }

  protected startExport(): void {
    if (this.exportBusy()) return;
    this.error.set(null);
    this.offboarding.requestExport(this.tenant().id).subscribe({
      next: ({ id }) => {
        this.followed.set({
          id,
          tenantId: this.tenant().id,
          status: 'queued',
          percent: 0,
          totalRows: null,
          doneRows: 0,
          fileSize: null,
          error: null,
          createdAt: new Date().toISOString(),
          finishedAt: null,
          expiresAt: null,
        });
        this.announcement.set(`Exporting ${this.tenant().name}.`);
        this.schedulePoll();
      },
      error: (err: unknown) => this.error.set(readApiError(err, 'Could not start the export.').message),
    });
  }

  protected download(): void {
    const current = this.exportInfo();
    if (!current || this.downloads.pending()) return;
    this.error.set(null);
    this.downloads.start(this.offboarding.downloadExport(current.id), (err) => this.error.set(readApiError(err, 'Could not download the export.').message));
  }


  protected askToDelete(): void {
    this.confirming.set(true);
    this.typed.set('');
    this.confirmError.set(null);
    this.error.set(null);
    this.focus.after(`#confirm-slug-${this.tenant().id}`);
  }

  protected cancelDelete(): void {
    this.confirming.set(false);
    this.typed.set('');
    this.confirmError.set(null);
  }

  protected confirmDelete(): void {
    if (this.pending()) return;
    if (!this.matches()) {
      this.confirmError.set(`Type ${this.tenant().slug} exactly to confirm.`);
      return;
    }
    this.pending.set(true);
    this.offboarding.close(this.tenant().id, this.typed()).subscribe({
      next: (tenant) => {
        this.pending.set(false);
        this.confirming.set(false);
        this.announcement.set(`${tenant.name} is being closed. Its data will be deleted on ${formatInZone(tenant.deleteAfter, tenant.timezone, { year: 'always' })}.`);
        this.changed.emit(tenant);
      },
      error: (err: unknown) => {
        this.pending.set(false);
        const problem = readApiError(err, 'Could not delete the career center.');
        if (problem.fieldErrors['confirmSlug']) this.confirmError.set(problem.fieldErrors['confirmSlug']);
        else this.error.set(problem.message);
      },
    });
  }

  protected restore(): void {
    if (this.pending()) return;
    this.pending.set(true);
    this.error.set(null);
    this.offboarding.restore(this.tenant().id).subscribe({
      next: (tenant) => {
        this.pending.set(false);
        this.announcement.set(`${tenant.name} is open again.`);
        this.changed.emit(tenant);
      },
      error: (err: unknown) => {
        this.pending.set(false);
        this.error.set(readApiError(err, 'Could not restore the career center.').message);
      },
    });
  }

  private pollIfRunning(): void {
    if (this.exportBusy()) this.schedulePoll();
  }

  private schedulePoll(): void {
    this.stopPolling();
    this.timer = setTimeout(() => this.poll(), EXPORT_POLL_MS);
  }

  private poll(): void {
    this.timer = null;
    const current = this.exportInfo();
    if (!current) return;
    this.offboarding.getExport(current.id).subscribe({
      next: (fresh) => {
        this.followed.set(fresh);
        if (fresh.status === 'queued' || fresh.status === 'running') this.schedulePoll();
        else if (fresh.status === 'done') this.announcement.set(`The export of ${this.tenant().name} is ready to download.`);
      },
      error: (err: unknown) => this.error.set(readApiError(err, 'Could not read the export’s progress.').message),
    });
  }

  private stopPolling(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
