import { Injectable } from '@nestjs/common';
import { isUuid } from '@fieldwork/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { TENANT_SETTING } from './rls';


/**
 * The one way to touch tenant data: a transaction in which the tenant id is set
 * transaction-locally, so PostgreSQL's row-level security applies to every query
 * and a pooled connection never carries one tenant into the next request.
 */
@Injectable()
export class TenantDatabase {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The transaction opens and takes its tenant in one round trip (`BEGIN; SELECT
   * set_config(…)`, the id inlined only once it is known to be a UUID); anything
   * else is refused before it reaches PostgreSQL. TypeORM is told the transaction
   * is active, so nothing inside opens or commits another.
   */
  async transaction<T>(tenantId: string, work: (db: EntityManager) => Promise<T>): Promise<T> {
    if (!isUuid(tenantId)) throw new Error('TenantDatabase.transaction: the tenant id must be a UUID');
    const runner = this.dataSource.createQueryRunner() as PostgresQueryRunner;
    await runner.connect();
    try {
      await runner.query(`BEGIN; SELECT set_config('${TENANT_SETTING}', '${tenantId.toLowerCase()}', true)`);
      runner.isTransactionActive = true;
      try {
        const result = await work(runner.manager);
        await runner.query('COMMIT');
        return result;
      } catch (error) {
        // A connection that cannot roll back is lost: pg-pool drops a client that is no longer queryable.
        await runner.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      runner.isTransactionActive = false;
      await runner.release();
    }
  }

  /** Platform tables only (tenants, operators): no tenant is set, so tenant rows stay invisible. */
  platform<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
