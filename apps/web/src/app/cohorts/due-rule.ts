import type { AssignmentSummary } from '@fieldwork/contracts';
import { daysText, formatDay, formatShortDay, isLocalDay } from '@fieldwork/web-core';

export type DueMode = 'fixed' | 'relative';
export const MAX_DUE_DAYS = 365;
export const DUE_DAYS_MESSAGE = `Enter a whole number of days from 1 to ${MAX_DUE_DAYS}.`;

/**
 * "Due Mar 15, 2026" (the local due day in the career center's zone) or
 * "Due 14 days after each student joins".
 */
export function dueText(a: Pick<AssignmentSummary, 'dueAt' | 'dueDaysAfterJoin'> & { dueOn?: string | null }): string {
  if (a.dueDaysAfterJoin !== null && a.dueDaysAfterJoin !== undefined) {
    return `Due ${daysText(a.dueDaysAfterJoin)} after each student joins`;
  }
  const day = a.dueOn ?? a.dueAt;
  return day ? `Due ${formatDay(day)}` : 'No due date';
}

/** "Due Dec 10 (end of day, America/New_York)": what a fixed due day means. */
export function dueDayHelp(day: string, zone: string, now: Date = new Date()): string {
  return isLocalDay(day) ? `Due ${formatShortDay(day, zone, now)} (end of day, ${zone})` : '';
}

export interface DueInput {
  mode: DueMode;
  /** YYYY-MM-DD when mode is fixed: a day in the career center's zone. */
  date: string;
  /** As typed when mode is relative. */
  days: string;
}

/** The request part: a local due day (due at 23:59:59 there), or days after joining. */
export type DueChoice = { dueOn: string } | { dueDaysAfterJoin: number };

/**
 * Checks a due rule; returns the request part, or a problem keyed by the
 * form field to mark ('dueAt' for the date, or 'dueDaysAfterJoin').
 */
export function readDue(
  due: DueInput,
  opensOn?: string,
): { ok: true; value: DueChoice } | { ok: false; field: 'dueAt' | 'dueDaysAfterJoin'; message: string } {
  if (due.mode === 'fixed') {
    if (!isLocalDay(due.date)) return { ok: false, field: 'dueAt', message: 'Choose the due date.' };
    if (opensOn && due.date < opensOn) {
      return { ok: false, field: 'dueAt', message: 'The due date must be on or after the opening date.' };
    }
    return { ok: true, value: { dueOn: due.date } };
  }
  const text = due.days.trim();
  const days = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(days) || days < 1 || days > MAX_DUE_DAYS) {
    return { ok: false, field: 'dueDaysAfterJoin', message: DUE_DAYS_MESSAGE };
  }
  return { ok: true, value: { dueDaysAfterJoin: days } };
}
