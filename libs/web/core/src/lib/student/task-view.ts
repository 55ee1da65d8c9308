import { TASK_STATUS_LABELS, type TaskFilter, type TaskStatus, type TaskSummary } from '@fieldwork/contracts';
import type { AutosaveState } from './draft-autosave';
import { dateTimeText, timeText, calendarDayDiff } from './dates';
import { displayZone } from '../zoned-time';
import { formatShortDay } from '../staff/dates';

export interface TaskBadge {
  label: string;
  /** CSS modifier: `badge--task-<kind>`. */
  kind: string;
}

/** The status badge, then "Overdue" / "Due soon" for open work and "Late" for late submissions. */
export function taskBadges(task: Pick<TaskSummary, 'status' | 'dueSoon' | 'overdue' | 'late'>): TaskBadge[] {
  const badges: TaskBadge[] = [{ label: TASK_STATUS_LABELS[task.status], kind: statusKind(task.status) }];
  if (task.overdue) badges.push({ label: 'Overdue', kind: 'overdue' });
  else if (task.dueSoon) badges.push({ label: 'Due soon', kind: 'due-soon' });
  if (task.late) badges.push({ label: 'Late', kind: 'late' });
  return badges;
}

function statusKind(status: TaskStatus): string {
  return status.replace(/_/g, '-');
}

/** The list filters a student picks from. `open` is the default view: work still to do. */
export type StudentTaskView = 'open' | 'all' | TaskFilter;

export interface TaskViewOption {
  value: StudentTaskView;
  label: string;
}

export const STUDENT_TASK_VIEWS: readonly TaskViewOption[] = [
  { value: 'open', label: 'All open' },
  { value: 'due_soon', label: 'Due soon' },
  { value: 'overdue', label: 'Overdue' },
  { value: 'revision_requested', label: 'Needs revision' },
  { value: 'submitted', label: 'Submitted' },
  { value: 'approved', label: 'Approved' },
  { value: 'all', label: 'Everything' },
];

/** The `status` query parameter for a view ('open' and 'all' ask for everything). */
export function taskViewFilter(view: StudentTaskView): TaskFilter | undefined {
  return view === 'open' || view === 'all' ? undefined : view;
}

/** The words in the autosave live region (times in the career center's zone). */
export function autosaveMessage(state: AutosaveState, now: Date = new Date(), zone: string = displayZone()): string {
  switch (state.kind) {
    case 'pending':
    case 'idle':
      return '';
    case 'saving':
      return 'Saving…';
    case 'saved': {
      const savedAt = new Date(state.savedAt);
      return calendarDayDiff(now, savedAt, zone) === 0
        ? `Saved at ${timeText(savedAt, zone)}`
        : `Saved ${dateTimeText(savedAt, now, zone)}`;
    }
    case 'retrying':
      return 'Couldn’t save — retrying';
    case 'failed':
      return 'Couldn’t save your draft. Check your answers; we’ll try again when you make a change.';
    case 'locked':
      return 'This task can no longer be edited.';
  }
}

/**
 * "Extended to Dec 12 — was due Dec 10. Reason: interview moved." — a
 * per-student extension in the career center's local days; '' without one.
 */
export function extensionText(
  task: Pick<TaskSummary, 'dueAt' | 'dueOn' | 'extension'>,
  zone: string = displayZone(),
  now: Date = new Date(),
): string {
  const ext = task.extension;
  if (!ext) return '';
  const to = formatShortDay(task.dueOn || task.dueAt, zone, now);
  const was = formatShortDay(ext.originalDueOn || ext.originalDueAt, zone, now);
  const reason = ext.reason?.trim();
  return `Extended to ${to} — was due ${was}.${reason ? ` Reason: ${reason}` : ''}`;
}

/** "Excused by your advisor: …" for the student, "Excused: …" for staff; '' unless excused. */
export function excusedText(task: Pick<TaskSummary, 'status' | 'excusedReason'>, audience: 'student' | 'staff'): string {
  if (task.status !== 'excused') return '';
  const reason = task.excusedReason?.trim();
  const lead = audience === 'student' ? 'Excused by your advisor' : 'Excused';
  return reason ? `${lead}: ${reason}` : `${lead}.`;
}
