import { GRADEBOOK_STATUSES, type GradebookStatus } from '@fieldwork/contracts';
import { formatLocalDay } from '@fieldwork/web-core';

/** How long a nudge counts as recent: a second one within this needs a confirmation. */
export const RECENT_NUDGE_MS = 24 * 60 * 60 * 1000;

/** Students per gradebook page. */
export const GRADEBOOK_PAGE_SIZE = 100;

/** "1 student", "3 students". */
export function studentsText(count: number): string {
  return `${count} ${count === 1 ? 'student' : 'students'}`;
}

export function isGradebookStatus(value: string | null | undefined): value is GradebookStatus {
  return !!value && (GRADEBOOK_STATUSES as readonly string[]).includes(value);
}

/** Nudged within the last 24 hours. */
export function nudgedRecently(lastNudgedAt: string | null | undefined, now: Date = new Date()): boolean {
  if (!lastNudgedAt) return false;
  const at = new Date(lastNudgedAt).getTime();
  return Number.isFinite(at) && now.getTime() - at < RECENT_NUDGE_MS;
}

/** "Due Dec 10", or the relative rule when the assignment has no single day. */
export function dueLabel(assignment: { dueOn: string | null; dueDaysAfterJoin?: number | null }): string {
  if (assignment.dueOn) return `Due ${formatLocalDay(assignment.dueOn)}`;
  const days = assignment.dueDaysAfterJoin;
  if (days !== null && days !== undefined) return `Due ${days} ${days === 1 ? 'day' : 'days'} after joining`;
  return 'No due date';
}

/** The advisor's default words for a nudge. */
export function defaultNudgeMessage(title: string, dueOn: string | null): string {
  const due = dueOn ? `, due ${formatLocalDay(dueOn)}` : '';
  return `Hi! A quick reminder about “${title}”${due}. It is a short conversation that pays off — reply to me if anything is in your way, I am glad to help.`;
}

/** YYYY-MM-DD plus whole days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A new due day a few days after the latest current one (or after today when that has passed). */
export function defaultExtensionDay(currentDueDays: readonly string[], today: string, extraDays = 3): string {
  const latest = [...currentDueDays, today].filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort().at(-1) ?? today;
  return addDays(latest, extraDays);
}

/** "Nudged 3 students about “Thank-you note”." */
export function nudgeDoneMessage(recipients: number, title: string): string {
  return `Nudged ${studentsText(recipients)} about “${title}”.`;
}

/** "Extended 1 student's due date to Dec 12." / "Extended 3 students' due dates to Dec 12." */
export function extendDoneMessage(count: number, dueOn: string, title: string): string {
  const whose = count === 1 ? '1 student’s due date' : `${count} students’ due dates`;
  return `Extended ${whose} for “${title}” to ${formatLocalDay(dueOn)}.`;
}

/** "Excused 1 student from “Thank-you note”." */
export function excuseDoneMessage(count: number, title: string): string {
  return `Excused ${studentsText(count)} from “${title}”.`;
}

/** "Sam Lee", "Sam Lee and Ana Ruiz", "Sam Lee, Ana Ruiz and 3 others". */
export function namesText(names: readonly string[], shown = 3): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length <= shown) return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  const rest = names.length - shown;
  return `${names.slice(0, shown).join(', ')} and ${rest} ${rest === 1 ? 'other' : 'others'}`;
}
