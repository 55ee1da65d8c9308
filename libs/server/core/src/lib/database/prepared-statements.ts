import { createHash } from 'node:crypto';
import { Client, type QueryConfig } from 'pg';

/** Named statements one connection keeps at most; later new texts run unnamed (planned each time). */
export const MAX_PREPARED_PER_CONNECTION = 500;

const names = new Map<string, string>();

/** A stable name for a statement text: the same text gets the same name on every connection. */
export function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `fw_${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
    if (names.size < 10_000) names.set(text, name);
  }
  return name;
}

/**
 * A pg client that runs every statement with parameters as a named prepared
 * statement: PostgreSQL parses and plans it once per connection (and, after a few
 * runs, keeps a generic plan when it is as good), instead of planning it on every
 * request. The API's reads join six or seven tables; planning them cost several
 * times their execution. Statements without parameters (BEGIN, COMMIT) run as
 * they are. Turned off with DB_PREPARED_STATEMENTS=false (e.g. behind a PgBouncer
 * older than 1.21, which cannot keep named statements in transaction mode).
 */
export class PreparingClient extends Client {
  private prepared = 0;
  private readonly known = new Set<string>();

  override query(...args: unknown[]): never {
    const [text, values] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length && typeof args[2] !== 'function') {
      const name = statementName(text);
      if (this.known.has(name) || this.prepared < MAX_PREPARED_PER_CONNECTION) {
        if (!this.known.has(name)) {
          this.known.add(name);
          this.prepared += 1;
        }
        const config: QueryConfig = { name, text, values };
        return (super.query as unknown as (config: QueryConfig) => never)(config);
      }
    }
    return (super.query as unknown as (...a: unknown[]) => never)(...args);
  }
}
