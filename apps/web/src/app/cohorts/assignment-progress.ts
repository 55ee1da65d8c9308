import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { GradebookStatus, TaskCounts } from '@fieldwork/contracts';
import { ProgressKey, progressBreakdown } from '@fieldwork/web-core';

/** The gradebook filter that lists the students of a progress segment. */
export const SEGMENT_STATUS: Record<ProgressKey, GradebookStatus> = {
  approved: 'approved',
  submitted: 'submitted',
  in_progress: 'in_progress',
  to_do: 'not_started',
};

/**
 * A stacked bar (approved / submitted / in progress / to do) with the same
 * numbers in words. Given the cohort and the assignment, each count opens the
 * cohort's gradebook filtered to that homework and status.
 */
@Component({
  selector: 'app-assignment-progress',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    @let p = breakdown();
    @let link = gradebookLink();
    <div class="stack-bar" aria-hidden="true">
      @for (s of p.segments; track s.key) {
        @if (s.count) {
          @if (link) {
            <a
              tabindex="-1"
              [class]="'stack-bar__seg stack-bar__seg--' + s.key"
              [style.width.%]="s.percent"
              [routerLink]="link"
              [queryParams]="{ assignment: assignmentId(), status: segmentStatus[s.key] }"
            ></a>
          } @else {
            <span [class]="'stack-bar__seg stack-bar__seg--' + s.key" [style.width.%]="s.percent"></span>
          }
        }
      }
    </div>
    <p class="stack-bar__headline">{{ p.headline }}</p>
    <ul class="stack-legend">
      @for (s of p.segments; track s.key) {
        <li>
          <span [class]="'stack-legend__swatch stack-bar__seg--' + s.key" aria-hidden="true"></span>@if (link && s.count) {
            <a [routerLink]="link" [queryParams]="{ assignment: assignmentId(), status: segmentStatus[s.key] }"
              >{{ s.count }} {{ s.label }}<span class="visually-hidden"> of {{ title() || 'this homework' }}: show them in the gradebook</span></a
            >
          } @else {
            {{ s.count }} {{ s.label }}
          }
        </li>
      }
      @if (revisions() && link) {
        <li>
          <a [routerLink]="link" [queryParams]="{ assignment: assignmentId(), status: 'needs_revision' }"
            >{{ revisions() }} {{ revisions() === 1 ? 'needs' : 'need' }} a revision<span class="visually-hidden"> ({{ title() || 'this homework' }}): show them in the gradebook</span></a
          >
        </li>
      }
      @if (p.excused) {
        <li>
          @if (link) {
            <a [routerLink]="link" [queryParams]="{ assignment: assignmentId(), status: 'excused' }"
              >{{ p.excused }} excused<span class="visually-hidden"> from {{ title() || 'this homework' }}: show them in the gradebook</span></a
            >
          } @else {
            {{ p.excused }} excused
          }
        </li>
      }
    </ul>
  `,
  styles: `
    a.stack-bar__seg {
      display: block;
    }
  `,
})
export class AssignmentProgress {
  readonly counts = input.required<TaskCounts>();
  /** With `assignmentId`: counts link into this cohort's gradebook. */
  readonly cohortId = input<string | null>(null);
  readonly assignmentId = input<string | null>(null);
  /** The homework's title, for screen-reader link text. */
  readonly title = input('');

  protected readonly segmentStatus = SEGMENT_STATUS;
  protected readonly breakdown = computed(() => progressBreakdown(this.counts()));
  protected readonly revisions = computed(() => Math.max(0, Math.floor(this.counts().revision_requested ?? 0)));
  protected readonly gradebookLink = computed(() => {
    const cohortId = this.cohortId();
    return cohortId && this.assignmentId() ? ['/cohorts', cohortId, 'gradebook'] : null;
  });
}
