import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AdvisorAttention } from '@fieldwork/contracts';
import { GradebookService, TenantTime, formatLocalDay, readApiError } from '@fieldwork/web-core';
import { FwAlert } from '@fieldwork/web-ui';
import { Subscription } from 'rxjs';

/** "1 reflection is", "3 reflections are". */
export function reflectionsWaiting(n: number): string {
  return n === 1 ? '1 reflection waiting for review' : `${n} reflections waiting for review`;
}

/** "1 student hasn't", "4 students haven't". */
export function notStartedText(n: number): string {
  return n === 1 ? '1 student hasn’t started' : `${n} students haven’t started`;
}

/** The advisor's (and admin's) home: reviews waiting, and homework due within a week that some have not started. */
@Component({
  selector: 'app-attention-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, FwAlert],
  template: `
    <section class="card" aria-labelledby="attention-heading">
      <h2 id="attention-heading">Needs your attention</h2>
      @if (attention(); as a) {
        @if (a.reviewsWaiting || a.notStartedDueSoon.length) {
          <ul class="attention">
            @if (a.reviewsWaiting) {
              <li class="attention__item">
                <a routerLink="/reviews">{{ reflectionsWaiting(a.reviewsWaiting) }}</a>
                @if (a.oldestWaitingSince) {
                  <span class="muted"> (oldest since {{ time.format(a.oldestWaitingSince, { time: false }) }})</span>
                }
              </li>
            }
            @for (item of a.notStartedDueSoon; track item.assignmentId) {
              <li class="attention__item">
                <a [routerLink]="['/cohorts', item.cohortId, 'gradebook']" [queryParams]="{ assignment: item.assignmentId, status: 'not_started' }"
                  >{{ notStartedText(item.notStarted) }} {{ item.title }}</a
                >
                <span class="muted"> (due {{ formatLocalDay(item.dueOn) }}, {{ item.cohortName }})</span>
              </li>
            }
          </ul>
        } @else {
          <p class="attention__empty">
            You're all caught up: nothing is waiting for your review, and everyone has started the homework due this week.
          </p>
        }
      } @else if (error(); as message) {
        <fw-alert kind="error" retryable (retry)="load()"><p>{{ message }}</p></fw-alert>
      } @else {
        <p class="status-line" role="status">Looking for what needs you…</p>
      }
    </section>
  `,
  styles: `
    .attention {
      margin: 0;
      padding: 0;
      list-style: none;
      display: grid;
      gap: 0.5rem;
    }
    .attention__item {
      padding: 0.625rem 0.75rem;
      border-left: 4px solid var(--fw-primary);
      border-radius: 4px;
      background: var(--fw-primary-soft);
    }
    .attention__item a {
      font-weight: 600;
    }
    .attention__empty {
      margin: 0;
    }
  `,
})
export class AttentionPanel {
  private readonly api = inject(GradebookService);
  protected readonly time = inject(TenantTime);
  private request: Subscription | null = null;

  protected readonly formatLocalDay = formatLocalDay;
  protected readonly reflectionsWaiting = reflectionsWaiting;
  protected readonly notStartedText = notStartedText;
  protected readonly attention = signal<AdvisorAttention | null>(null);
  protected readonly error = signal<string | null>(null);

  constructor() {
    this.load();
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  protected load(): void {
    this.request?.unsubscribe();
    this.error.set(null);
    this.request = this.api.attention().subscribe({
      next: (a) => this.attention.set(a),
      error: (err: unknown) => this.error.set(readApiError(err, 'Could not load what needs your attention.').message),
    });
  }
}
