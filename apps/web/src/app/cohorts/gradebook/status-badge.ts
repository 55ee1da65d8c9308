import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { GRADEBOOK_STATUS_LABELS, type GradebookStatus } from '@fieldwork/contracts';

/** The app's task badge colours for each gradebook status (the text says it too: never colour alone). */
const BADGE_CLASS: Record<GradebookStatus, string> = {
  not_started: 'badge--task-assigned',
  in_progress: 'badge--task-in-progress',
  submitted: 'badge--task-submitted',
  needs_revision: 'badge--task-revision-requested',
  approved: 'badge--task-approved',
  overdue: 'badge--task-overdue',
  excused: 'badge--task-excused',
};

/** A gradebook cell's status in words, with "late" and "extended" markers. */
@Component({
  selector: 'app-gradebook-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span [class]="'badge ' + badgeClass()">{{ label() }}</span>
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
  protected readonly badgeClass = computed(() => BADGE_CLASS[this.status()]);
}
