import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { GRADEBOOK_STATUS_LABELS, type GradebookStatus } from '@fieldwork/contracts';
import { FwStatusBadge } from '@fieldwork/web-ui';

/** The app's task badge colours for each gradebook status (the text says it too: never colour alone). */
const BADGE_TONE: Record<GradebookStatus, string> = {
  not_started: 'task-assigned',
  in_progress: 'task-in-progress',
  submitted: 'task-submitted',
  needs_revision: 'task-revision-requested',
  approved: 'task-approved',
  overdue: 'task-overdue',
  excused: 'task-excused',
};

/** A gradebook cell's status in words, with "late" and "extended" markers. */
@Component({
  selector: 'app-gradebook-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FwStatusBadge],
  template: `
    <fw-status-badge [tone]="tone()" [label]="label()" />
    @if (late()) {
      <span class="gb-marker gb-marker--late">late</span>
    }
    @if (extended()) {
      <span class="gb-marker">extended</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem;
    }
    .gb-marker {
      display: inline-block;
      padding: 0 0.35rem;
      border: 1px solid var(--fw-border-strong);
      border-radius: 4px;
      font-size: 0.78rem;
      font-weight: 600;
      color: var(--fw-text);
      background: var(--fw-surface);
      white-space: nowrap;
    }
    .gb-marker--late {
      border-color: var(--fw-danger);
      color: #7d1d14;
    }
  `,
})
export class GradebookStatusBadge {
  readonly status = input.required<GradebookStatus>();
  readonly late = input(false);
  readonly extended = input(false);
  protected readonly label = computed(() => GRADEBOOK_STATUS_LABELS[this.status()]);
  protected readonly tone = computed(() => BADGE_TONE[this.status()]);
}
