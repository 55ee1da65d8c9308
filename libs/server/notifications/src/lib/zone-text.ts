import { raw, type Sql } from '@fieldwork/server-core';

/**
 * Dates in notification text, in the career center's time zone. Every source
 * statement that prints a date joins the tenant as `tn`; the statement runs in
 * a transaction whose TimeZone was set to the tenant's with `useTenantZone`
 * (transaction-local, like the tenant setting), so PostgreSQL can name the
 * zone of each instant ("EST" in December, "EDT" in June, "BST", "JST"…).
 */

/**
 * The short name of the tenant's zone at that instant: "ET", "CT", "MT", "PT"
 * for the North American zones (the season-free names read better on a due
 * date, as on the web), else PostgreSQL's abbreviation ("GMT", "BST", "JST",
 * "NZDT") or the offset ("UTC-03") for zones without one. If the transaction
 * is not in the tenant's zone, the offset computed from the zone is printed
 * ("UTC-05:00"): never a wrong name.
 */
const zoneName = (column: string) => `(CASE
    WHEN current_setting('TimeZone') = tn.timezone THEN
      CASE WHEN tn.timezone LIKE 'America/%' AND to_char(${column}, 'TZ') ~ '^[ECMP][SD]T$' THEN left(to_char(${column}, 'TZ'), 1) || 'T'
           WHEN to_char(${column}, 'TZ') ~ '^[+-]' THEN 'UTC' || to_char(${column}, 'TZ')
           ELSE to_char(${column}, 'TZ') END
    ELSE 'UTC' || CASE WHEN (${column} AT TIME ZONE tn.timezone) < (${column} AT TIME ZONE 'UTC') THEN '-' ELSE '+' END
         || to_char(abs(extract(epoch FROM (${column} AT TIME ZONE tn.timezone) - (${column} AT TIME ZONE 'UTC'))) * interval '1 second', 'HH24:MI')
  END)`;

/** A due date in the tenant's time zone, e.g. "Thursday, December 10 at 11:59 PM ET" (`column` is chosen by code, never by a request). */
export const localTime = (column: string): Sql =>
  raw(`(to_char(${column} AT TIME ZONE tn.timezone, 'FMDay, FMMonth FMDD "at" FMHH12:MI AM') || ' ' || ${zoneName(column)})`);

/** An instant as whole epoch seconds in text: the `period` key of a notification about that date. */
export const epochText = (column: string): Sql => raw(`extract(epoch FROM ${column})::bigint::text`);
