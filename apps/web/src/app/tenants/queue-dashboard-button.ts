import { ChangeDetectionStrategy, Component, DOCUMENT, inject, signal } from '@angular/core';
import { QUEUE_DASHBOARD_URL, QueueDashboardService, readApiError } from '@fieldwork/web-core';
import { FwAlert } from '@fieldwork/web-ui';

/**
 * Operator: opens Bull Board (every career center's background jobs) in a new
 * tab. The app first asks the API for a 15-minute dashboard session (a cookie
 * the new tab then carries), since a tab can't send the app's bearer token.
 */
@Component({
  selector: 'app-queue-dashboard-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FwAlert],
  template: `
    <p>
      See the background job queues (notifications, e-mail, maintenance) of every career center: waiting, failed and
      finished jobs, and retry failed ones. It opens in a new tab; the access lasts 15 minutes, then open it from here
      again.
    </p>
    <div class="form-actions">
      <button type="button" class="button button--secondary" [attr.aria-disabled]="opening() ? true : null" (click)="open()">
        {{ opening() ? 'Opening the queue dashboard…' : 'Queue dashboard' }}<span class="visually-hidden"> (opens in a new tab)</span>
      </button>
    </div>
    @if (blocked()) {
      <p class="status-line" role="status">
        Your browser blocked the new tab.
        <a [href]="url" target="_blank" rel="noopener">Open the queue dashboard</a>
      </p>
    }
    @if (error()) {
      <fw-alert kind="error"><p>{{ error() }}</p></fw-alert>
    }
  `,
})
export class QueueDashboardButton {
  private readonly queues = inject(QueueDashboardService);
  private readonly window = inject(DOCUMENT).defaultView;

  protected readonly url = QUEUE_DASHBOARD_URL;
  protected readonly opening = signal(false);
  protected readonly blocked = signal(false);
  protected readonly error = signal<string | null>(null);

  protected open(): void {
    if (this.opening()) return;
    this.opening.set(true);
    this.blocked.set(false);
    this.error.set(null);
    this.queues.openSession().subscribe({
      next: () => {
        this.opening.set(false);
        const tab = this.window?.open(QUEUE_DASHBOARD_URL, '_blank');
        if (tab) tab.opener = null;
        else this.blocked.set(true);
      },
      error: (err: unknown) => {
        this.opening.set(false);
        this.error.set(
          `Could not open the queue dashboard. ${readApiError(err, 'Please try again.').message}`,
        );
      },
    });
  }
}
