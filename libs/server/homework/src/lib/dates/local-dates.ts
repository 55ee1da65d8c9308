import { NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ValidationOptions, registerDecorator } from 'class-validator';
import { validationFailed } from '@fieldwork/server-core';
import { zonedDates } from './dates.queries';

/**
 * Dates are the career center's. A due date given as a day (`dueOn`) is the end
 * of that day (23:59:59) in the tenant's time zone; an opening day (`opensOn`)
 * is its start. PostgreSQL does the arithmetic (`local_day_end`,
 * `local_day_start`, `local_day` from the advisor-loop migration), so daylight
 * saving changes come out right.
 */

const LOCAL_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD. */
export function isLocalDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = LOCAL_DAY.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

/** class-validator: a calendar day (YYYY-MM-DD), in the career center's time zone. */
export function IsLocalDay(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isLocalDay',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a day written YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => isLocalDay(value) },
    });
}

export interface DateChoice {
  opensOn?: string;
  opensAt?: string;
  dueOn?: string;
  dueAt?: string;
}

export interface ResolvedDates {
  /** Null when neither opensOn nor opensAt was given. */
  opensAt: Date | null;
  /** Null when neither dueOn nor dueAt was given. */
  dueAt: Date | null;
  timezone: string;
}

/** Refuses a day and an instant for the same date. */
export function dateChoiceProblems(choice: DateChoice): { field: string; problems: string[] }[] {
  const problems: { field: string; problems: string[] }[] = [];
  if (choice.opensOn && choice.opensAt) problems.push({ field: 'opensOn', problems: ['give either opensOn or opensAt, not both'] });
  if (choice.dueOn && choice.dueAt) problems.push({ field: 'dueOn', problems: ['give either dueOn or dueAt, not both'] });
  return problems;
}

/** The instants of the given days or instants, in the tenant's zone. */
export async function resolveDates(db: EntityManager, tenantId: string, choice: DateChoice): Promise<ResolvedDates> {
  const problems = dateChoiceProblems(choice);
  if (problems.length) throw validationFailed(problems);
  const row = await zonedDates(db, tenantId, {
    opensAt: choice.opensAt ?? null,
    opensOn: choice.opensOn ?? null,
    dueAt: choice.dueAt ?? null,
    dueOn: choice.dueOn ?? null,
  });
  if (!row) throw new NotFoundException('No such career center');
  return { opensAt: row.opens_at, dueAt: row.due_at, timezone: row.timezone };
}
