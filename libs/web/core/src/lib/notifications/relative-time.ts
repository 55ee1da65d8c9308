/**
 * "just now", "5 minutes ago", "yesterday", then a date ("Mar 3"). English, in
 * the career center's time zone (default: the signed-in one, see `displayZone`).
 */
import { formatInZone } from '../tenant-time';
import { displayZone, zonedDayDiff } from '../zoned-time';

const LOCALE = 'en-US';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const relative = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' });

export function relativeTimeText(value: string | Date, now: Date = new Date(), zone: string = displayZone()): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const ago = now.getTime() - date.getTime();
  // A clock a little ahead of ours still reads as "just now".
  if (ago < MINUTE) return 'just now';
  if (ago < HOUR) return relative.format(-Math.floor(ago / MINUTE), 'minute');
  if (ago < DAY) return relative.format(-Math.floor(ago / HOUR), 'hour');
  const days = zonedDayDiff(date, now, zone);
  if (days < 7) return relative.format(-Math.max(1, days), 'day');
  return formatInZone(date, zone, { time: false, now });
}

/**
 * "Mar 3, 2026, 3:04 PM" in `zone` — with " ET" when the viewer's browser is
 * in another zone: the full moment, for a tooltip or screen readers.
 */
export function fullDateTimeText(value: string | Date, zone: string = displayZone(), viewerZone?: string): string {
  return formatInZone(value, zone, { year: 'always', viewerZone });
}
