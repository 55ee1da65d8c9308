import { EntityManager } from 'typeorm';
import { Sql, toQuery } from './sql';

/** Runs a write inside the caller's transaction and answers how many rows it touched. */
export async function execute(db: EntityManager, query: Sql): Promise<number> {
  if (!db.queryRunner) throw new Error('execute() runs inside a transaction');
  const { text, values } = toQuery(query);
  const result = await db.queryRunner.query(text, values, true);
  return result.affected ?? 0;
}
