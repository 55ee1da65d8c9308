/** Date wording for the student screens ("due in 2 days · Mar 3"). English, the user's local time zone. */

const LOCALE = 'en-US';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole calendar days from `now` to `date` in local time (tomorrow = 1, yesterday = -1). */
export function calendarDayDiff(now: Date, date: Date): number {
  const a = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  const b = Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
  return Math.round((b - a) / DAY_MS);
}

/** "Mar 3", or "Mar 3, 2027" outside the current year. */
export function shortDateText(value: string | Date, now: Date = new Date()): string {
  const date = toDate(value);
  if (!date) return '';
  return date.toLocaleDateString(LOCALE, {
    month: 'short',
    day: 'numeric',
    ...(date.getFullYear() !== now.getFullYear() ? { year: 'numeric' } : {}),
  });
}

/** "3:04 PM". */
export function timeText(value: string | Date): string {
  const date = toDate(value);
  return date ? date.toLocaleTimeString(LOCALE, { hour: 'numeric', minute: '2-digit' }) : '';
}

/** "Mar 3, 3:04 PM" (with the year outside the current one). */
export function dateTimeText(value: string | Date, now: Date = new Date()): string {
  const date = toDate(value);
  return date ? `${shortDateText(date, now)}, ${timeText(date)}` : '';
}

export interface DueText {
  /** "due in 2 days", "due tomorrow", "was due 3 days ago". */
  relative: string;
  /** "Mar 3", with the time when it is today or tomorrow: "Mar 3, 5:00 PM". */
  absolute: string;
  /** Both: "due in 2 days · Mar 3". */
  text: string;
}

export function describeDue(dueAt: string | Date, now: Date = new Date()): DueText {
  const due = toDate(dueAt);
  if (!due) return { relative: '', absolute: '', text: '' };
  const days = calendarDayDiff(now, due);
  let relative: string;
  if (days === 0) relative = due.getTime() >= now.getTime() ? 'due today' : 'was due today';
  else if (days === 1) relative = 'due tomorrow';
  else if (days > 1) relative = `due in ${days} days`;
  else if (days === -1) relative = 'was due yesterday';
  else relative = `was due ${-days} days ago`;
  const absolute = Math.abs(days) <= 1 ? dateTimeText(due, now) : shortDateText(due, now);
  return { relative, absolute, text: `${relative} · ${absolute}` };
}

/** A local date as an `<input type="date">` value: "2026-03-03". */
export function localDateInput(date: Date = new Date()): string {
  const y = String(date.getFullYear()).padStart(4, '0');
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * An `<input type="date">` value as an ISO instant for the API: today means
 * "now" (never in the future), another day means local noon of that day.
 */
export function pastDateInputToIso(value: string, now: Date = new Date()): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12, 0, 0, 0);
  if (date.getMonth() !== Number(match[2]) - 1) return null;
  if (calendarDayDiff(now, date) === 0) return now.toISOString();
  return date.toISOString();
}

function toDate(value: string | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
