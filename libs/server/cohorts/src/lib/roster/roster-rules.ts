import { BadRequestException } from '@nestjs/common';
import { NUL_PROBLEM, SINGLE_LINE_PROBLEM, isSingleLine } from '@fieldwork/server-core';

/** The limits a roster row must meet: the database's own (users.name 1–200, cohorts.name 1–200, student_id 1–64) and an e-mail's. */
export const ROSTER_LIMITS = {
  email: 254,
  name: 200,
  cohort: 200,
  studentId: 64,
  /** How much of a long e-mail a report shows. */
  shownEmail: 80,
} as const;

export interface RosterCells {
  email: string;
  name: string;
  studentId: string | null;
  cohort: string;
}

/**
 * Everything wrong with one row on its own, in plain words: the same rules
 * for the dry run and the import, so a dry run that says ok never ends in a
 * database error. (Facts that need the database — existing accounts,
 * archived cohorts — are checked beside these.)
 */
export function rosterRowProblems(row: RosterCells, isEmail: (value: string) => boolean): string[] {
  const problems: string[] = [];
  const cells: [string, string | null][] = [
    ['email', row.email],
    ['name', row.name],
    ['student_id', row.studentId],
    ['cohort', row.cohort],
  ];
  for (const [column, value] of cells) {
    if (value?.includes('\u0000')) problems.push(`${column} ${NUL_PROBLEM}`);
    else if (value && !isSingleLine(value)) problems.push(`${column} ${SINGLE_LINE_PROBLEM}`);
  }
  if (!row.email) problems.push('missing email');
  else if (chars(row.email) > ROSTER_LIMITS.email) problems.push(`email is longer than ${ROSTER_LIMITS.email} characters`);
  else if (!row.email.includes('\u0000') && !isEmail(row.email)) problems.push(`bad email "${row.email}"`);
  if (!row.name) problems.push('missing name');
  else if (chars(row.name) > ROSTER_LIMITS.name) problems.push(`name is longer than ${ROSTER_LIMITS.name} characters (${chars(row.name)})`);
  if (!row.cohort) problems.push('missing cohort');
  else if (chars(row.cohort) > ROSTER_LIMITS.cohort) problems.push(`cohort name is longer than ${ROSTER_LIMITS.cohort} characters (${chars(row.cohort)})`);
  if (row.studentId && chars(row.studentId) > ROSTER_LIMITS.studentId) problems.push(`student_id is longer than ${ROSTER_LIMITS.studentId} characters`);
  return problems;
}

/**
 * A length as PostgreSQL's length() counts it (characters, not UTF-16 units):
 * a 150-emoji name is 150 characters to the database, so it is 150 here too.
 */
export function chars(value: string): number {
  return Array.from(value).length;
}

export function withoutNul(value: string): string {
  return value.split('\u0000').join('');
}

/** Control characters other than tab, CR and LF: a few may be typos in a cell, many mean the file is not text. */
function countControls(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) count++;
  }
  return count;
}

export const NOT_CSV_MESSAGE = 'The file is not a CSV file: save the spreadsheet as "CSV UTF-8 (comma delimited)" and upload that';

/**
 * The file as text, or a 400 when it is not a CSV file at all (a spreadsheet,
 * a PDF, a picture): not UTF-8, or full of control characters.
 */
export function rosterText(file: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    throw new NotACsvFile();
  }
  const controls = countControls(text);
  if (controls > Math.max(8, text.length / 100)) throw new NotACsvFile();
  return text;
}

/** csv-parse's error codes in plain words, with the line they are on. */
const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quote (") is opened and never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a quote (") closes in the middle of a value',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'there is text right after a closing quote (")',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'a line has a different number of columns than the header',
  CSV_MAX_RECORD_SIZE: 'a line is far too long',
  CSV_INVALID_COLUMN_NAME: 'the header has an empty or invalid column name',
  CSV_OPTION_COLUMNS_MISSING_NAME: 'the header has an empty column name',
};

export function unreadableCsvMessage(error: unknown): string {
  const { code, lines } = (error ?? {}) as { code?: string; lines?: number };
  const what = (code && CSV_PROBLEMS[code]) || 'it could not be read as comma-separated values';
  return `The file is not a readable CSV file: ${what}${typeof lines === 'number' && lines > 0 ? ` (line ${lines})` : ''}`;
}

export class NotACsvFile extends BadRequestException {
  constructor() {
    super(NOT_CSV_MESSAGE);
  }
}
