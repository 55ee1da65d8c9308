import type { EntityManager } from 'typeorm';

/**
 * The one way to write SQL here: a tagged template: a tagged template that keeps values apart from the text,
 * so fragments compose without string surgery and are numbered ($1, $2, …) only
 * when they are placed into a query.
 *
 *   interface CohortRow { id: string; name: string }
 *   const where = sql`cohort_id = ANY(${cohortIds}::uuid[])`;
 *   const rows = await queryRows<CohortRow>(db, sql`SELECT id, name FROM cohorts WHERE ${where}`);
 *
 * Interpolated values are always parameters; a nested `Sql` is spliced in with
 * its own values; `raw()` is for trusted text (column names chosen by code,
 * never by a request).
 */
export class Sql {
  /** @internal text pieces around the values (always one more than values). */
  readonly strings: readonly string[];
  /** @internal the parameter values, in order. */
  readonly values: readonly unknown[];

  constructor(strings: readonly string[], values: readonly unknown[]) {
    if (strings.length !== values.length + 1) throw new Error('Sql: strings must be one more than values');
    this.strings = strings;
    this.values = values;
  }

  /**
   * Places the fragment into a query whose earlier parameters are in `params`:
   * pushes this fragment's values onto `params` and returns its text numbered from there.
   */
  bind(params: unknown[]): string {
    let text = this.strings[0];
    for (let i = 0; i < this.values.length; i++) {
      params.push(this.values[i]);
      text += `$${params.length}${this.strings[i + 1]}`;
    }
    return text;
  }
}

/** A value that can sit in a template: a parameter, or a nested fragment. */
export type SqlValue = unknown;

export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): Sql {
  const outStrings: string[] = [strings[0]];
  const outValues: unknown[] = [];
  values.forEach((value, index) => {
    if (value instanceof Sql) {
      outStrings[outStrings.length - 1] += value.strings[0];
      for (let i = 0; i < value.values.length; i++) {
        outValues.push(value.values[i]);
        outStrings.push(value.strings[i + 1]);
      }
      outStrings[outStrings.length - 1] += strings[index + 1];
    } else {
      outValues.push(value);
      outStrings.push(strings[index + 1]);
    }
  });
  return new Sql(outStrings, outValues);
}

/** Trusted SQL text (a column or alias chosen by code), never a request's value. */
export function raw(text: string): Sql {
  return new Sql([text], []);
}

/** Fragments joined by a separator (e.g. ' AND '); an empty list gives `empty`. */
export function join(parts: Sql[], separator: string, empty = raw('TRUE')): Sql {
  if (!parts.length) return empty;
  return parts.slice(1).reduce((all, part) => sql`${all}${raw(separator)}${part}`, parts[0]);
}

/** The numbered text and parameters of a whole query. */
export function toQuery(fragment: Sql): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const text = fragment.bind(values);
  return { text, values };
}

/** The rows of a query inside the caller's transaction, typed by the query's row interface. */
export function queryRows<Row>(db: EntityManager, query: Sql): Promise<Row[]> {
  const { text, values } = toQuery(query);
  return db.query(text, values);
}

/** The first row of a query, or undefined when it returns none. */
export async function queryOne<Row>(db: EntityManager, query: Sql): Promise<Row | undefined> {
  const [row] = await queryRows<Row>(db, query);
  return row;
}
