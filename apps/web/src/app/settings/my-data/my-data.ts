import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { DATA_EXPORT_FILES, type DataExportSummary } from '@fieldwork/contracts';
import { DataExportService, TenantTime, fileDownloads, fileSizeText, readApiError } from '@fieldwork/web-core';
import { FwAlert } from '@fieldwork/web-ui';
import { Subscription, timer } from 'rxjs';

/** While a copy is being made, its progress is asked for this often. */
export const MY_DATA_POLL_MS = 1_000;

export const MY_DATA_INTRO =
  'Download a copy of everything Fieldwork keeps about you: your profile, your homework with every version of your reflections and your advisors’ reviews, your contacts and your interactions.';
export const MY_DATA_REQUEST_FAILED = 'We could not start your copy. Try again in a moment; if it keeps failing, tell your career center.';
export const MY_DATA_FAILED = 'We could not make your copy. Ask for a new one; if that fails too, tell your career center.';

type CardState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; latest: DataExportSummary | null };

/** "Your data": ask for a copy (a ZIP built in the background), watch it being made, download it for 7 days. */
@Component({
  selector: 'app-my-data',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FwAlert],
  styles: `
    .my-data-progress {
      display: block;
      width: 100%;
      max-width: 20rem;
      margin: 0.375rem 0;
    }
    .my-data-files {
      margin: 0.5rem 0 0;
      padding-left: 1.25rem;
    }
  `,
  template: `
    <p>{{ intro }}</p>

    @switch (state().kind) {
      @case ('loading') {
        <p class="status-line" role="status">Loading…</p>
      }
      @case ('error') {
        <fw-alert kind="error" retryable (retry)="load()">{{ loadError() }}</fw-alert>
      }
      @case ('ready') {
        @let copy = latest();
        @if (copy && (copy.status === 'queued' || copy.status === 'running')) {
          <div role="status" id="my-data-progress">
            <p>Preparing your data… {{ copy.percent }}%</p>
            <progress class="my-data-progress" max="100" [value]="copy.percent" aria-label="Preparing your data">{{ copy.percent }}%</progress>
            <p class="hint">You can leave this page: the copy keeps being made, and it will be here when you come back.</p>
          </div>
        } @else if (copy && copy.status === 'done') {
          <p>
            <button type="button" class="button" id="my-data-download" [disabled]="downloads.pending()" (click)="download(copy)">
              {{ downloads.pending() ? 'Downloading…' : 'Download (ZIP, ' + size(copy.fileSize) + ')' }}
            </button>
            <span class="hint" id="my-data-until"> — available until {{ until(copy) }}</span>
          </p>
          <p>
            <button type="button" class="button button--secondary button--small" [disabled]="requesting()" (click)="request()">Make a new copy</button>
          </p>
        } @else {
          @if (copy && copy.status === 'failed') {
            <fw-alert kind="error" id="my-data-failed">{{ copy.error || failedMessage }}</fw-alert>
          }
          @if (copy && copy.status === 'expired') {
            <p class="hint" id="my-data-expired">Your last copy has expired (copies can be downloaded for 7 days). Ask for a new one.</p>
          }
          <p>
            <button type="button" class="button" id="my-data-request" [disabled]="requesting()" (click)="request()">
              {{ requesting() ? 'Starting…' : 'Download my data' }}
            </button>
          </p>
        }
        @if (actionError()) {
          <fw-alert kind="error" id="my-data-error">{{ actionError() }}</fw-alert>
        }
        <p class="visually-hidden" aria-live="polite">{{ announcement() }}</p>
        <details>
          <summary>What is in the ZIP</summary>
          <ul class="my-data-files">
            @for (file of files; track file.name) {
              <li><strong>{{ file.name }}</strong>: {{ file.about }}</li>
            }
          </ul>
          <p class="hint">Dates are in your career center’s time zone. The .csv files open in a spreadsheet; the .json files are for programs.</p>
        </details>
      }
    }
  `,
})
export class MyDataCard {
  private readonly exports = inject(DataExportService);
  private readonly time = inject(TenantTime);
  private load$: Subscription | null = null;
  private poll$: Subscription | null = null;

  protected readonly intro = MY_DATA_INTRO;
  protected readonly failedMessage = MY_DATA_FAILED;
  protected readonly files = DATA_EXPORT_FILES;
  protected readonly size = fileSizeText;
  protected readonly state = signal<CardState>({ kind: 'loading' });
  protected readonly requesting = signal(false);
  protected readonly downloads = fileDownloads((message) => this.announcement.set(message));
  protected readonly actionError = signal<string | null>(null);
  protected readonly announcement = signal('');
  protected readonly latest = computed(() => {
    const state = this.state();
    return state.kind === 'ready' ? state.latest : null;
  });
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.kind === 'error' ? state.message : '';
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.load$?.unsubscribe();
      this.poll$?.unsubscribe();
    });
    this.load();
  }

  /** "Dec 7" in the career center's zone. */
  protected until(copy: DataExportSummary): string {
    return copy.expiresAt ? this.time.format(copy.expiresAt, { time: false }) : '';
  }

  protected load(): void {
    this.load$?.unsubscribe();
    this.state.set({ kind: 'loading' });
    this.load$ = this.exports.list().subscribe({
      next: ({ items }) => this.show(items[0] ?? null),
      error: (err: unknown) => this.state.set({ kind: 'error', message: readApiError(err, 'Could not load your data copies. Try again.').message }),
    });
  }

  protected request(): void {
    if (this.requesting()) return;
    this.requesting.set(true);
    this.actionError.set(null);
    this.exports.request().subscribe({
      next: ({ id }) => {
        this.requesting.set(false);
        this.announcement.set('Your copy is being prepared.');
        this.show({ id, status: 'queued', percent: 0, createdAt: new Date().toISOString(), expiresAt: null, fileSize: null, error: null });
      },
      error: (err: unknown) => {
        this.requesting.set(false);
        const readable = readApiError(err, MY_DATA_REQUEST_FAILED);
        this.actionError.set(readable.status >= 500 ? MY_DATA_REQUEST_FAILED : readable.message);
      },
    });
  }

  protected download(copy: DataExportSummary): void {
    if (this.downloads.pending()) return;
    this.actionError.set(null);
    this.downloads.start(this.exports.download(copy.id), (err) => {
      const readable = readApiError(err, 'Could not download your copy. Try again; if it keeps failing, ask for a new copy.');
      this.actionError.set(readable.message);
      if (readable.status === 410) this.show({ ...copy, status: 'expired' });
    });
  }


  /** Shows a copy; while it is being made, asks for its progress every second. */
  private show(copy: DataExportSummary | null): void {
    this.state.set({ kind: 'ready', latest: copy });
    this.poll$?.unsubscribe();
    if (!copy || (copy.status !== 'queued' && copy.status !== 'running')) return;
    this.poll$ = timer(MY_DATA_POLL_MS).subscribe(() => {
      this.poll$ = this.exports.get(copy.id).subscribe({
        next: (fresh) => {
          if (fresh.status === 'done') this.announcement.set('Your copy is ready to download.');
          if (fresh.status === 'failed') this.announcement.set('Your copy could not be made.');
          this.show(fresh);
        },
        // A blip while polling: keep showing the progress and ask again.
        error: () => this.show(copy),
      });
    });
  }
}
