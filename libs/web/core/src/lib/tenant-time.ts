import { Injectable, computed, inject } from '@angular/core';
import { AuthService } from './auth.service';

/**
 * Dates are the career center's. A due date is a local day in the tenant's
 * time zone (due at 23:59:59 there); every screen shows instants in that zone
 * and names the zone when the viewer's browser is in another one
 * ("Dec 10, 11:59 PM ET").
 */

const LOCALE = 'en-US';

/** The browser's own IANA zone. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "ET", "GMT+9", "BST": the short name of `zone` at that instant. */
export function zoneAbbreviation(iso: string | Date, zone: string): string {
  const date = toDate(iso);
  if (!date) return '';
  const part = new Intl.DateTimeFormat(LOCALE, { timeZone: zone, timeZoneName: 'short' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName');
  const name = part?.value ?? '';
  // en-US writes EST/EDT, PST/PDT…: the season-free "ET", "PT" read better on a due date.
  return /^[ECMP][SD]T$/.test(name) ? `${name[0]}T` : name;
}

/** The local day (YYYY-MM-DD) of an instant in `zone`. */
export function localDayOf(iso: string | Date, zone: string): string {
  const date = toDate(iso);
  if (!date) return '';
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export interface ZonedFormatOptions {
  /** Add the year when it is not the current one (default true). */
  year?: 'auto' | 'always';
  /** Show the time of day (default true). */
  time?: boolean;
  /** The viewer's zone; the tenant zone is named when it differs. */
  viewerZone?: string;
  now?: Date;
}

/** "Dec 10, 11:59 PM" in the career center's zone, plus " ET" when the viewer is elsewhere. */
export function formatInZone(iso: string | Date | null | undefined, zone: string, options: ZonedFormatOptions = {}): string {
  const date = iso ? toDate(iso) : null;
  if (!date) return '';
  const now = options.now ?? new Date();
  const sameYear = localDayOf(date, zone).slice(0, 4) === localDayOf(now, zone).slice(0, 4);
  const text = new Intl.DateTimeFormat(LOCALE, {
    timeZone: zone,
    month: 'short',
    day: 'numeric',
    ...(options.year === 'always' || !sameYear ? { year: 'numeric' } : {}),
    ...(options.time === false ? {} : { hour: 'numeric', minute: '2-digit' }),
  }).format(date);
  const viewer = options.viewerZone ?? browserTimeZone();
  return options.time !== false && viewer !== zone && sameOffsetDiffers(date, zone, viewer) ? `${text} ${zoneAbbreviation(date, zone)}` : text;
}

/** A local day (YYYY-MM-DD) as "Dec 10" or "Dec 10, 2027" — no zone needed: it is a calendar day. */
export function formatLocalDay(day: string | null | undefined, now: Date = new Date()): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  if (!m) return '';
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  return new Intl.DateTimeFormat(LOCALE, {
    timeZone: 'UTC',
    month: 'short',
    day: 'numeric',
    ...(Number(m[1]) !== now.getFullYear() ? { year: 'numeric' } : {}),
  }).format(date);
}

/** Today in the career center's zone, optionally shifted by whole days, as YYYY-MM-DD. */
export function todayInZone(zone: string, addDays = 0, now: Date = new Date()): string {
  const [y, m, d] = localDayOf(now, zone).split('-').map(Number);
  const shifted = new Date(Date.UTC(y, m - 1, d + addDays));
  return shifted.toISOString().slice(0, 10);
}

/** Whole local days from today to `day` in the zone (tomorrow = 1). */
export function daysUntilLocalDay(day: string, zone: string, now: Date = new Date()): number {
  const toUtc = (s: string) => {
    const [y, m, d] = s.split('-').map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((toUtc(day) - toUtc(localDayOf(now, zone))) / 86_400_000);
}

function sameOffsetDiffers(date: Date, a: string, b: string): boolean {
  const fmt = (zone: string) => new Intl.DateTimeFormat(LOCALE, { timeZone: zone, hour: 'numeric', minute: 'numeric', day: 'numeric' }).format(date);
  return fmt(a) !== fmt(b);
}

function toDate(value: string | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The signed-in user's career-center zone for components: `time.format(dueAt)`. */
@Injectable({ providedIn: 'root' })
export class TenantTime {
  private readonly auth = inject(AuthService);
  /** The career center's IANA zone (the browser's for operators, who have none). */
  readonly zone = computed(() => this.auth.user()?.tenant?.timezone ?? browserTimeZone());

  format(iso: string | Date | null | undefined, options: ZonedFormatOptions = {}): string {
    return formatInZone(iso, this.zone(), options);
  }

  day(iso: string | Date | null | undefined): string {
    return iso ? localDayOf(iso, this.zone()) : '';
  }

  today(addDays = 0): string {
    return todayInZone(this.zone(), addDays);
  }
}
