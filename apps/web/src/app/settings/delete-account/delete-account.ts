import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { DELETION_REASON_MAX_LENGTH, ERASURE_RULE_TEXT, type DeletionRequestSummary } from '@fieldwork/contracts';
import { ErasureService, TenantTime, readApiError } from '@fieldwork/web-core';
import { FwAlert, FwControl, FwField, pageFocus } from '@fieldwork/web-ui';
import type { Subscription } from 'rxjs';

type CardState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; request: DeletionRequestSummary | null };

/** "Delete my account": what happens, a confirmation, the pending request and a way to cancel it. */
@Component({
  selector: 'app-delete-account',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FwField, FwControl, FwAlert],
  template: `
    <p>
      You can ask your career center to delete your account. An administrator reviews the request; once they approve it,
      this is what happens:
    </p>
    <p class="hint" id="delete-account-rule">{{ rule }}</p>
    <p class="hint">If you want a copy of your data, download it first: after the deletion there is nothing left to download.</p>

    @switch (state().kind) {
      @case ('loading') {
        <p class="status-line" role="status">Loading…</p>
      }
      @case ('error') {
        <fw-alert kind="error" retryable (retry)="load()">{{ loadError() }}</fw-alert>
      }
      @case ('ready') {
        @let request = current();
        @if (request && request.status === 'pending') {
          <fw-alert kind="info" id="deletion-pending">
            <p>
              You asked to delete your account on {{ day(request.createdAt) }}. An administrator has not approved it yet:
              you can still change your mind.
            </p>
          </fw-alert>
          <p>
            <button type="button" class="button button--secondary" id="cancel-deletion" [disabled]="busy()" (click)="cancel()">
              Cancel my deletion request
            </button>
          </p>
        } @else if (request && (request.status === 'approved' || request.status === 'erasing')) {
          <fw-alert kind="info" id="deletion-approved">An administrator approved your request. Your account is being deleted; you will be signed out.</fw-alert>
        } @else if (confirming()) {
          <div class="confirm" role="group" aria-labelledby="delete-confirm-heading">
            <h3 id="delete-confirm-heading" class="settings-subheading" tabindex="-1">Delete your account?</h3>
            <p>This cannot be undone once an administrator approves it.</p>
            <fw-field label="Why (optional, only administrators see it)">
              <textarea id="deletion-reason" fwControl rows="3" [maxlength]="maxReason" [formControl]="reason"></textarea>
            </fw-field>
            @if (error()) {
              <fw-alert kind="error">{{ error() }}</fw-alert>
            }
            <div class="form-actions">
              <button type="button" class="button button--danger" id="confirm-deletion" [disabled]="busy()" (click)="submit()">
                Yes, ask to delete my account
              </button>
              <button type="button" class="button button--secondary" [disabled]="busy()" (click)="confirming.set(false)">Keep my account</button>
            </div>
          </div>
        } @else {
          <p>
            <button type="button" class="button button--danger" id="delete-account" (click)="ask()">Delete my account…</button>
          </p>
        }
        <p class="status-line" role="status" id="deletion-status">{{ status() }}</p>
      }
    }
  `,
})
export class DeleteAccountCard {
  private readonly erasure = inject(ErasureService);
  private readonly time = inject(TenantTime);
  private readonly focus = pageFocus();
  private loading: Subscription | null = null;

  protected readonly rule = ERASURE_RULE_TEXT;
  protected readonly maxReason = DELETION_REASON_MAX_LENGTH;
  protected readonly state = signal<CardState>({ kind: 'loading' });
  protected readonly confirming = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal('');
  protected readonly status = signal('');
  protected readonly reason = new FormControl('', { nonNullable: true });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.loading?.unsubscribe());
    this.load();
  }

  protected current(): DeletionRequestSummary | null {
    const state = this.state();
    return state.kind === 'ready' ? state.request : null;
  }

  protected loadError(): string {
    const state = this.state();
    return state.kind === 'error' ? state.message : '';
  }

  protected day(iso: string): string {
    return this.time.format(iso, { time: false, year: 'always' });
  }

  protected load(): void {
    this.loading?.unsubscribe();
    this.state.set({ kind: 'loading' });
    this.loading = this.erasure.mine().subscribe({
      next: ({ request }) => this.state.set({ kind: 'ready', request }),
      error: (err: unknown) => this.state.set({ kind: 'error', message: readApiError(err, 'Could not load your deletion request.').message }),
    });
  }

  protected ask(): void {
    this.error.set('');
    this.status.set('');
    this.confirming.set(true);
    this.focus.after('#delete-confirm-heading');
  }

  protected submit(): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set('');
    const reason = this.reason.value.trim();
    this.erasure.request(reason ? { reason } : {}).subscribe({
      next: () => {
        this.busy.set(false);
        this.confirming.set(false);
        this.reason.reset();
        this.status.set('Your request was sent to your career center’s administrators.');
        this.load();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(readApiError(err, 'Could not send your request.').message);
      },
    });
  }

  protected cancel(): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.erasure.cancel().subscribe({
      next: () => {
        this.busy.set(false);
        this.status.set('Your deletion request is cancelled. Your account stays as it is.');
        this.load();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.status.set(readApiError(err, 'Could not cancel your request.').message);
      },
    });
  }
}
