import { wallTime } from '@fieldwork/server-core';

/**
 * Instants in the career center's time zone for CSV files: ISO 8601 with the
 * zone's offset at that instant ("2026-12-10T23:59:59-05:00"), so a
 * spreadsheet reads the local wall time and the exact instant both, and the
 * local calendar day ("2026-12-10") for due dates.
 */
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** "2026-12-10T23:59:59-05:00": the instant as a wall time in `zone` with that zone's offset then (to the second). */
export function isoInZone(value: Date | null | undefined, zone: string): string | null {
  if (!value) return null;
  const at = new Date(Math.floor(value.getTime() / 1000) * 1000);
  const w = wallTime(at, zone);
  const offsetMinutes = Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - at.getTime()) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "2026-12-10": the instant's calendar day in `zone`. */
export function localDayIn(value: Date | null | undefined, zone: string): string | null {
  if (!value) return null;
  const w = wallTime(value, zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}
