import { browserTimeZone, localDayOf } from './tenant-time';

/**
 * Wall-clock arithmetic in an IANA zone, beside `tenant-time.ts`: the instant
 * of a local day's start or end (DST-correct), and the zone the date helpers
 * use when a caller passes none.
 */

const DAY_MS = 86_400_000;
const LOCAL_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

let sessionZone: string | null = null;

/** Set by AuthService: the signed-in user's career-center zone (null when signed out or an operator). */
export function setDisplayZone(zone: string | null | undefined): void {
  sessionZone = zone && isTimeZone(zone) ? zone : null;
}

/** The zone the date helpers show by default: the career center's, else the browser's. */
export function displayZone(): string {
  return sessionZone ?? browserTimeZone();
}

/** True for an IANA zone this browser knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A real calendar day as YYYY-MM-DD (2026-02-30 is not). */
export function isLocalDay(value: string | null | undefined): value is string {
  const m = LOCAL_DAY.exec(value ?? '');
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The day `n` days after a local day (YYYY-MM-DD). */
export function addLocalDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Whole days from local day `a` to local day `b` (b the day after a = 1). */
export function localDayDiff(a: string, b: string): number {
  const utc = (s: string) => {
    const [y, m, d] = s.split('-').map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((utc(b) - utc(a)) / DAY_MS);
}

/** How far `zone` is ahead of UTC at that instant, in milliseconds (New York in winter: -5 h). */
export function zoneOffsetMs(date: Date, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return wall - Math.floor(date.getTime() / 1000) * 1000;
}

/**
 * The instant (ISO, UTC) of a wall-clock time on a local day in `zone`, or
 * null when the day is not a real one. Right across daylight-saving changes.
 */
export function localDayTimeToIso(day: string, zone: string, hour = 0, minute = 0, second = 0): string | null {
  if (!isLocalDay(day)) return null;
  const [y, m, d] = day.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, hour, minute, second);
  // Two passes: the offset at the guess, then at the corrected instant (they differ only near a DST change).
  let instant = wall - zoneOffsetMs(new Date(wall), zone);
  instant = wall - zoneOffsetMs(new Date(instant), zone);
  return new Date(instant).toISOString();
}

/** When a local day begins in `zone` (what `opensOn` means). */
export function localDayStartIso(day: string, zone: string): string | null {
  return localDayTimeToIso(day, zone, 0, 0, 0);
}

/** The last second of a local day in `zone` (what `dueOn` means: due at 23:59:59 there). */
export function localDayEndIso(day: string, zone: string): string | null {
  return localDayTimeToIso(day, zone, 23, 59, 59);
}

/** Whole local days in `zone` from `now` to the instant (tomorrow = 1, yesterday = -1). */
export function zonedDayDiff(now: Date, date: Date, zone: string): number {
  return localDayDiff(localDayOf(now, zone), localDayOf(date, zone));
}
