import { EntityManager } from 'typeorm';

/** Runs a write inside the caller's transaction and answers how many rows it touched. */
export async function execute(db: EntityManager, sql: string, params: unknown[]): Promise<number> {
  if (!db.queryRunner) throw new Error('execute() runs inside a transaction');
  const result = await db.queryRunner.query(sql, params, true);
  return result.affected ?? 0;
}
