import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TASK_STATUS_LABELS, type TaskStatus } from '@fieldwork/contracts';

/**
 * A status chip (`.badge` in the app's styles). The words always say the status; colour only repeats it.
 *
 * - a task status: `<fw-status-badge [task]="task.status" />` → "Needs revision" in `badge--task-revision-requested`;
 * - anything else: `<fw-status-badge tone="invited" label="Invited" />` → `badge--invited`
 *   (tones: active, invited, deactivated, late, task-due-soon, task-overdue, export-<status>, …).
 */
@Component({
  selector: 'fw-status-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': 'classes()' },
  template: `{{ text() }}`,
})
export class FwStatusBadge {
  /** A task status: label from TASK_STATUS_LABELS, colour from its `badge--task-…` class. */
  readonly task = input<TaskStatus | null>(null);
  /** For other statuses: the `badge--<tone>` colour class. */
  readonly tone = input<string | null>(null);
  /** For other statuses: the words shown. */
  readonly label = input('');

  protected readonly text = computed(() => {
    const task = this.task();
    return task ? TASK_STATUS_LABELS[task] : this.label();
  });

  protected readonly classes = computed(() => {
    const task = this.task();
    const tone = task ? `task-${task.replace(/_/g, '-')}` : this.tone();
    return tone ? `badge badge--${tone}` : 'badge';
  });
}
