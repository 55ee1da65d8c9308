import type { EntityManager } from 'typeorm';
import { type Sql, toQuery } from './sql';

/**
 * The rows of an `UPDATE … RETURNING` or `DELETE … RETURNING` inside the caller's transaction, typed by the
 * query's row interface. (`queryRows` reads them through TypeORM's `db.query`, which answers those two
 * commands with `[rows, rowCount]` instead of the rows.)
 */
export async function queryReturning<Row>(db: EntityManager, query: Sql): Promise<Row[]> {
  if (!db.queryRunner) throw new Error('queryReturning() runs inside a transaction');
  const { text, values } = toQuery(query);
  const result = await db.queryRunner.query(text, values, true);
  return result.records as Row[];
}
