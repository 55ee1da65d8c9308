import { queryOne, raw, sql, type Sql } from '@fieldwork/server-core';
import type { EntityManager } from 'typeorm';

/**
 * Dates are the career center's: PostgreSQL does the arithmetic (`local_day_end`,
 * `local_day_start`, `local_day` from the advisor-loop migration), so daylight
 * saving changes come out right. `column` and `zone` are SQL chosen by code.
 */

/** An instant's local day in the tenant zone (column `tn.timezone`), as YYYY-MM-DD text. */
export function localDay(column: string, zone = 'tn.timezone'): Sql {
  return raw(`to_char(local_day(${column}, ${zone}), 'YYYY-MM-DD')`);
}

/** The end of the N-th local day after the student joined (not before the assignment opened). */
export function relativeDue(joinedAt: string, opensAt: string, days: string, zone = 'tn.timezone'): Sql {
  return raw(`local_day_end(local_day(GREATEST(${joinedAt}, ${opensAt}), ${zone}) + ${days}, ${zone})`);
}

/** One row of `zonedDates`. */
export interface ZonedDatesRow {
  timezone: string;
  opens_at: Date | null;
  due_at: Date | null;
}

/** The instants of an opening and a due date, each given as an instant or as a local day (start, end) in the tenant's zone. */
export function zonedDates(
  db: EntityManager,
  tenantId: string,
  dates: { opensAt: string | null; opensOn: string | null; dueAt: string | null; dueOn: string | null },
): Promise<ZonedDatesRow | undefined> {
  return queryOne<ZonedDatesRow>(
    db,
    sql`SELECT tn.timezone,
               COALESCE(${dates.opensAt}::timestamptz, local_day_start(${dates.opensOn}::date, tn.timezone)) AS opens_at,
               COALESCE(${dates.dueAt}::timestamptz, local_day_end(${dates.dueOn}::date, tn.timezone)) AS due_at
          FROM tenants tn WHERE tn.id = ${tenantId}`,
  );
}
