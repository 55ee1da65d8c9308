/**
 * Helpers between `<input type="date">` values (YYYY-MM-DD) and instants, in
 * the career center's time zone: a date input holds a local day there, and an
 * instant is shown as the day it falls on there. Every function takes the zone
 * (default: the signed-in career center's, see `displayZone`).
 */
import { formatLocalDay, localDayOf, todayInZone } from '../tenant-time';
import { displayZone, isLocalDay, localDayDiff, localDayEndIso, localDayStartIso } from '../zoned-time';

/** The day an instant falls on in `zone`, as YYYY-MM-DD. */
export function toDateInput(date: Date, zone: string = displayZone()): string {
  return localDayOf(date, zone);
}

/** Today in `zone` as YYYY-MM-DD, optionally shifted by some days. */
export function todayInput(addDays = 0, now: Date = new Date(), zone: string = displayZone()): string {
  return todayInZone(zone, addDays, now);
}

/** An ISO instant (or a local day) as the YYYY-MM-DD of `zone` for a date input; '' when missing or bad. */
export function isoToDateInput(iso: string | null | undefined, zone: string = displayZone()): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : localDayOf(date, zone);
}

/**
 * A local day in `zone` as an ISO instant: the start of that day (opening
 * dates) or its last second, 23:59:59 (due dates). Null for a bad day.
 * Prefer sending the day itself (`opensOn` / `dueOn`) to the API.
 */
export function dateInputToIso(value: string, at: 'start' | 'end', zone: string = displayZone()): string | null {
  return at === 'start' ? localDayStartIso(value, zone) : localDayEndIso(value, zone);
}

/** "1 day" / "14 days" */
export function daysText(n: number): string {
  return `${n} ${n === 1 ? 'day' : 'days'}`;
}

const MEDIUM_DAY = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });

/**
 * "2026-09-01" (a calendar day, no zone) -> "Sep 1, 2026"; an ISO instant is
 * shown as the day it falls on in `zone`.
 */
export function formatDay(value: string | null | undefined, zone: string = displayZone()): string {
  if (!value) return '';
  const day = isLocalDay(value) ? value : isoToDateInput(value, zone);
  if (!isLocalDay(day)) return '';
  const [y, m, d] = day.split('-').map(Number);
  return MEDIUM_DAY.format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/** "Dec 10" (the year only outside the current one): a local day, or an instant's day in `zone`. */
export function formatShortDay(value: string | null | undefined, zone: string = displayZone(), now: Date = new Date()): string {
  if (!value) return '';
  const day = isLocalDay(value) ? value : isoToDateInput(value, zone);
  if (!day) return '';
  const currentYear = localDayOf(now, zone).slice(0, 4);
  return day.slice(0, 4) === currentYear ? formatLocalDay(day, new Date(Date.UTC(Number(currentYear), 5, 1))) : formatDay(day, zone);
}

/** "Sep 1, 2026 – Dec 15, 2026", "From Sep 1, 2026", "Until Dec 15, 2026" or "No dates set". */
export function dateRangeText(startsOn: string | null | undefined, endsOn: string | null | undefined, zone: string = displayZone()): string {
  const start = formatDay(startsOn, zone);
  const end = formatDay(endsOn, zone);
  if (start && end) return `${start} – ${end}`;
  if (start) return `From ${start}`;
  if (end) return `Until ${end}`;
  return 'No dates set';
}

/** "today", "yesterday", "3 days ago" — how long something has waited, in local days of `zone`. */
export function daysAgoText(iso: string | null | undefined, now: Date = new Date(), zone: string = displayZone()): string {
  if (!iso) return '';
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return '';
  const days = localDayDiff(localDayOf(then, zone), localDayOf(now, zone));
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}
