import type { AssignmentSummary } from '@fieldwork/contracts';
import { dateInputToIso, daysText, formatDay } from '@fieldwork/web-core';

export type DueMode = 'fixed' | 'relative';
export const MAX_DUE_DAYS = 365;

/** "Due Mar 15, 2026" or "Due 14 days after each student joins". */
export function dueText(a: Pick<AssignmentSummary, 'dueAt' | 'dueDaysAfterJoin'>): string {
  if (a.dueDaysAfterJoin !== null && a.dueDaysAfterJoin !== undefined) {
    return `Due ${daysText(a.dueDaysAfterJoin)} after each student joins`;
  }
  return a.dueAt ? `Due ${formatDay(a.dueAt)}` : 'No due date';
}

export interface DueInput {
  mode: DueMode;
  /** YYYY-MM-DD when mode is fixed. */
  date: string;
  /** As typed when mode is relative. */
  days: string;
}

export type DueChoice = { dueAt: string } | { dueDaysAfterJoin: number };

/**
 * Checks a due rule; returns the request part, or a problem keyed by the
 * field to mark ('dueAt' or 'dueDaysAfterJoin').
 */
export function readDue(
  due: DueInput,
  opensOn?: string,
): { ok: true; value: DueChoice } | { ok: false; field: 'dueAt' | 'dueDaysAfterJoin'; message: string } {
  if (due.mode === 'fixed') {
    const dueAt = dateInputToIso(due.date, 'end');
    if (!dueAt) return { ok: false, field: 'dueAt', message: 'Choose the due date.' };
    if (opensOn && due.date < opensOn) {
      return { ok: false, field: 'dueAt', message: 'The due date must be on or after the opening date.' };
    }
    return { ok: true, value: { dueAt } };
  }
  const text = due.days.trim();
  const days = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(days) || days < 1 || days > MAX_DUE_DAYS) {
    return { ok: false, field: 'dueDaysAfterJoin', message: `Enter a whole number of days from 1 to ${MAX_DUE_DAYS}.` };
  }
  return { ok: true, value: { dueDaysAfterJoin: days } };
}
