import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import type { Submission, TaskDetail } from '@fieldwork/contracts';
import { TenantTime } from '@fieldwork/web-core';
import { FwStatusBadge } from '@fieldwork/web-ui';
import { AnswersView } from './answers-view';
import { ReviewFeedback } from './review-feedback';

/** Every submitted version of a reflection, newest first, with the advisor's feedback. */
@Component({
  selector: 'app-submission-history',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AnswersView, ReviewFeedback, FwStatusBadge],
  template: `
    @let t = task();
    <ol class="versions">
      @for (s of submissions(); track s.id) {
        <li>
          <article class="submitted-version" [attr.aria-labelledby]="'version-' + s.id">
            <h3 [id]="'version-' + s.id">
              Version {{ s.version }}
              <span class="muted when">submitted {{ when(s.submittedAt) }}</span>
              @if (s.late) {
                <fw-status-badge tone="task-late" label="Late" />
              }
            </h3>
            <details [open]="openAnswers()">
              <summary>What you submitted</summary>
              <app-answers-view [task]="t" [reflection]="s" />
            </details>
            <section class="feedback" [attr.aria-label]="'Feedback on version ' + s.version">
              <h4>Feedback</h4>
              @if (s.review; as review) {
                <app-review-feedback [review]="review" [rubric]="t.rubric" />
              } @else {
                <p class="muted">Waiting for your advisor’s review.</p>
              }
            </section>
          </article>
        </li>
      }
    </ol>
  `,
  styles: `
    .versions {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .versions > li + li {
      margin-top: 1.25rem;
      padding-top: 1.25rem;
      border-top: 1px solid var(--fw-border);
    }
    .when {
      font-size: 0.95rem;
      font-weight: 400;
    }
    details {
      margin-bottom: 0.75rem;
    }
    summary {
      cursor: pointer;
      font-weight: 600;
      color: var(--fw-primary);
      margin-bottom: 0.5rem;
    }
    h4 {
      margin: 0 0 0.5rem;
      font-size: 1rem;
    }
    .feedback {
      padding: 0.75rem 1rem;
      border-radius: var(--fw-radius);
      background: var(--fw-bg);
    }
  `,
})
export class SubmissionHistory {
  readonly task = input.required<TaskDetail>();
  readonly submissions = input.required<Submission[]>();
  /** Show each version's answers expanded (they are folded when the page already shows them). */
  readonly openAnswers = input(false);
  private readonly time = inject(TenantTime);
  /** "Feb 20, 10:00 AM" in the career center's zone (" ET" when the browser is elsewhere). */
  protected readonly when = (iso: string) => this.time.format(iso);
}
