import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { ERASURE_RULE_TEXT, type DeletionRequestStatus, type DeletionRequestSummary } from '@fieldwork/contracts';
import { ErasureService, TenantTime, readApiError } from '@fieldwork/web-core';
import { FwAlert, FwStatusBadge, pageFocus } from '@fieldwork/web-ui';
import { type Subscription, timer } from 'rxjs';

export const STATUS_LABELS: Record<DeletionRequestStatus, string> = {
  pending: 'Waiting for approval',
  approved: 'Approved, erasing soon',
  erasing: 'Erasing',
  done: 'Erased',
  cancelled: 'Cancelled',
};

/** How often the page looks again while an approved request is being erased. */
export const POLL_MS = 2_000;

/** Admin: deletion requests, pending first, each with what erasing will remove; approve with a confirmation, then watch it finish. */
@Component({
  selector: 'app-deletion-requests-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FwAlert, FwStatusBadge],
  template: `
    <div class="page-header">
      <h1>Deletion requests</h1>
      <p class="lead">People who asked to have their account deleted, and requests you started from the People page.</p>
    </div>

    <section class="card" aria-labelledby="rule-heading">
      <h2 id="rule-heading">What approving does</h2>
      <p>{{ rule }}</p>
    </section>

    <section class="card" aria-labelledby="requests-heading">
      <h2 id="requests-heading">Requests</h2>
      <p class="status-line" role="status">{{ announcement() }}</p>
      @if (actionError()) {
        <fw-alert kind="error"><p>{{ actionError() }}</p></fw-alert>
      }
      @if (loadError()) {
        <fw-alert kind="error" retryable (retry)="load()"><p>{{ loadError() }}</p></fw-alert>
      }
      @if (items().length) {
        <table class="table table--stack">
          <caption class="visually-hidden">Deletion requests, pending first</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Asked</th>
              <th scope="col">What will be erased</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            @for (item of items(); track item.id) {
              <tr [attr.data-request]="item.id">
                <th scope="row" data-label="Person">
                  {{ item.user.name }}
                  @if (item.user.email) {
                    <span class="muted"> · {{ item.user.email }}</span>
                  }
                </th>
                <td data-label="Asked">
                  {{ day(item.createdAt) }}
                  {{ item.requestedBy.id === item.user.id ? 'by them' : 'by ' + item.requestedBy.name }}
                  @if (item.reason) {
                    <br /><span class="muted">“{{ item.reason }}”</span>
                  }
                </td>
                <td data-label="What will be erased">
                  {{ count(item.impact.tasks, 'task') }}, {{ count(item.impact.reflections, 'reflection') }},
                  {{ count(item.impact.contacts, 'contact') }}, {{ count(item.impact.interactions, 'interaction') }}
                </td>
                <td data-label="Status">
                  <fw-status-badge [label]="statusLabels[item.status]" />
                </td>
                <td data-label="Actions">
                  @if (item.status === 'pending') {
                    @if (confirming() === item.id) {
                      <div role="group" [attr.aria-labelledby]="'confirm-' + item.id">
                        <p [id]="'confirm-' + item.id" tabindex="-1">
                          <strong>Erase {{ item.user.name }}’s account?</strong> This cannot be undone.
                        </p>
                        <div class="row-actions">
                          <button type="button" class="button button--danger button--small" [disabled]="busy()" (click)="approve(item)">
                            Yes, erase the account
                          </button>
                          <button type="button" class="button button--secondary button--small" (click)="confirming.set(null)">Cancel</button>
                        </div>
                      </div>
                    } @else {
                      <button type="button" class="button button--small" (click)="ask(item)">
                        Approve…<span class="visually-hidden"> the deletion of {{ item.user.name }}</span>
                      </button>
                    }
                  } @else if (item.finishedAt) {
                    <span class="muted">Erased {{ day(item.finishedAt) }}</span>
                  } @else {
                    <span class="muted">—</span>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      } @else if (!loading() && !loadError()) {
        <p class="empty">No deletion requests.</p>
      }
    </section>
  `,
})
export class DeletionRequestsPage {
  private readonly erasure = inject(ErasureService);
  private readonly time = inject(TenantTime);
  private readonly focus = pageFocus();
  private request: Subscription | null = null;
  private poll: Subscription | null = null;

  protected readonly rule = ERASURE_RULE_TEXT;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly items = signal<DeletionRequestSummary[]>([]);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly announcement = signal('');
  protected readonly confirming = signal<string | null>(null);
  protected readonly busy = signal(false);

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.request?.unsubscribe();
      this.poll?.unsubscribe();
    });
    this.load();
  }

  load(quiet = false): void {
    this.request?.unsubscribe();
    if (!quiet) {
      this.loading.set(true);
      this.announcement.set('Loading deletion requests…');
    }
    this.loadError.set(null);
    this.request = this.erasure.list().subscribe({
      next: ({ items }) => {
        this.items.set(items);
        this.loading.set(false);
        if (!quiet) {
          const pending = items.filter((x) => x.status === 'pending').length;
          this.announcement.set(pending ? `${pending} waiting for approval.` : 'Nothing waiting for approval.');
        }
        this.schedulePoll();
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.announcement.set('');
        this.loadError.set(readApiError(err, 'Could not load the deletion requests.').message);
      },
    });
  }

  protected day(iso: string): string {
    return this.time.format(iso, { time: false });
  }

  protected count(n: number, noun: string): string {
    return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
  }

  protected ask(item: DeletionRequestSummary): void {
    this.actionError.set(null);
    this.confirming.set(item.id);
    this.focus.after(`#confirm-${item.id}`);
  }

  protected approve(item: DeletionRequestSummary): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.erasure.approve(item.id).subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.confirming.set(null);
        this.items.update((list) => list.map((x) => (x.id === updated.id ? updated : x)));
        this.announcement.set(`Approved: ${item.user.name}’s account is being erased.`);
        this.schedulePoll();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.actionError.set(`Could not approve: ${readApiError(err).message}`);
      },
    });
  }

  /** While something is approved or erasing, look again until it is done. */
  private schedulePoll(): void {
    this.poll?.unsubscribe();
    if (!this.items().some((x) => x.status === 'approved' || x.status === 'erasing')) return;
    this.poll = timer(POLL_MS).subscribe(() => {
      const before = new Set(this.items().filter((x) => x.status !== 'done').map((x) => x.id));
      this.load(true);
      this.request?.add(() => {
        const finished = this.items().filter((x) => x.status === 'done' && before.has(x.id));
        if (finished.length) this.announcement.set(`Erased: ${finished.map((x) => x.user.name).join(', ')}.`);
      });
    });
  }
}
