/**
 * Date wording for the student screens ("due in 2 days · Mar 3, 11:59 PM").
 * English, in the career center's time zone: every function takes the zone
 * (default: the signed-in career center's, see `displayZone`), counts local
 * days there and names the zone when the viewer's browser is elsewhere.
 */
import { formatInZone, localDayOf } from '../tenant-time';
import { displayZone, localDayTimeToIso, zonedDayDiff } from '../zoned-time';

const LOCALE = 'en-US';

/** Whole calendar days in `zone` from `now` to `date` (tomorrow = 1, yesterday = -1). */
export function calendarDayDiff(now: Date, date: Date, zone: string = displayZone()): number {
  return zonedDayDiff(now, date, zone);
}

/** "Mar 3", or "Mar 3, 2027" outside the current year — the day in `zone`. */
export function shortDateText(value: string | Date, now: Date = new Date(), zone: string = displayZone()): string {
  return formatInZone(value, zone, { time: false, now });
}

/** "3:04 PM" in `zone`. */
export function timeText(value: string | Date, zone: string = displayZone()): string {
  const date = toDate(value);
  return date ? new Intl.DateTimeFormat(LOCALE, { timeZone: zone, hour: 'numeric', minute: '2-digit' }).format(date) : '';
}

/** "Mar 3, 3:04 PM" in `zone` (with the year outside the current one, " ET" when the viewer is elsewhere). */
export function dateTimeText(
  value: string | Date,
  now: Date = new Date(),
  zone: string = displayZone(),
  viewerZone?: string,
): string {
  return formatInZone(value, zone, { now, viewerZone });
}

export interface DueText {
  /** "due in 2 days", "due tomorrow", "was due 3 days ago" — local days in the career center's zone. */
  relative: string;
  /** "Mar 3, 11:59 PM" in the career center's zone ("… ET" when the viewer is elsewhere). */
  absolute: string;
  /** Both: "due in 2 days · Mar 3, 11:59 PM". */
  text: string;
}

export function describeDue(
  dueAt: string | Date,
  now: Date = new Date(),
  zone: string = displayZone(),
  viewerZone?: string,
): DueText {
  const due = toDate(dueAt);
  if (!due) return { relative: '', absolute: '', text: '' };
  const days = zonedDayDiff(now, due, zone);
  let relative: string;
  if (days === 0) relative = due.getTime() >= now.getTime() ? 'due today' : 'was due today';
  else if (days === 1) relative = 'due tomorrow';
  else if (days > 1) relative = `due in ${days} days`;
  else if (days === -1) relative = 'was due yesterday';
  else relative = `was due ${-days} days ago`;
  const absolute = formatInZone(due, zone, { now, viewerZone });
  return { relative, absolute, text: `${relative} · ${absolute}` };
}

/** Today in `zone` as an `<input type="date">` value: "2026-03-03". */
export function localDateInput(date: Date = new Date(), zone: string = displayZone()): string {
  return localDayOf(date, zone);
}

/**
 * An `<input type="date">` value (a day in `zone`) as an ISO instant for the
 * API: today means "now" (never in the future), another day means noon of
 * that day in `zone`.
 */
export function pastDateInputToIso(value: string, now: Date = new Date(), zone: string = displayZone()): string | null {
  const noon = localDayTimeToIso(value, zone, 12);
  if (!noon) return null;
  if (value === localDayOf(now, zone)) return now.toISOString();
  return noon;
}

function toDate(value: string | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
