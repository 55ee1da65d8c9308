/** Helpers between `<input type="date">` values (YYYY-MM-DD, local) and ISO instants. */

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A local calendar date as YYYY-MM-DD. */
export function toDateInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Today (local) as YYYY-MM-DD, optionally shifted by some days. */
export function todayInput(addDays = 0, now: Date = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + addDays);
  return toDateInput(d);
}

/** An ISO instant (or date) as the local YYYY-MM-DD for a date input; '' when missing or bad. */
export function isoToDateInput(iso: string | null | undefined): string {
  if (!iso) return '';
  if (DATE_ONLY.test(iso)) return iso;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : toDateInput(date);
}

/**
 * A local calendar date as an ISO instant: the start of that day (opening
 * dates) or its last minute (due dates), in the browser's time zone.
 */
export function dateInputToIso(value: string, at: 'start' | 'end'): string | null {
  const m = DATE_ONLY.exec(value ?? '');
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const date = at === 'start' ? new Date(year, month, day, 0, 0, 0, 0) : new Date(year, month, day, 23, 59, 0, 0);
  if (date.getFullYear() !== year || date.getMonth() !== month || date.getDate() !== day) return null;
  return date.toISOString();
}

/** "1 day" / "14 days" */
export function daysText(n: number): string {
  return `${n} ${n === 1 ? 'day' : 'days'}`;
}

const MEDIUM_DATE = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric' });

/** "2026-09-01" (a calendar date, no time zone) -> "Sep 1, 2026"; ISO instants are shown in local time. */
export function formatDay(value: string | null | undefined): string {
  if (!value) return '';
  const m = DATE_ONLY.exec(value);
  const date = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : new Date(value);
  return Number.isNaN(date.getTime()) ? '' : MEDIUM_DATE.format(date);
}

/** "Sep 1, 2026 – Dec 15, 2026", "From Sep 1, 2026", "Until Dec 15, 2026" or "No dates set". */
export function dateRangeText(startsOn: string | null | undefined, endsOn: string | null | undefined): string {
  const start = formatDay(startsOn);
  const end = formatDay(endsOn);
  if (start && end) return `${start} – ${end}`;
  if (start) return `From ${start}`;
  if (end) return `Until ${end}`;
  return 'No dates set';
}

/** "today", "yesterday", "3 days ago" — how long something has waited. */
export function daysAgoText(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return '';
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return '';
  const startOf = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOf(now) - startOf(then)) / 86_400_000);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}
