import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TENANT_SETTING } from './rls';

/**
 * The one way to touch tenant data: a transaction in which the tenant id is set
 * transaction-locally, so PostgreSQL's row-level security applies to every query
 * and a pooled connection never carries one tenant into the next request.
 */
@Injectable()
export class TenantDatabase {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(tenantId: string, work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (db) => {
      await db.query('SELECT set_config($1, $2, true)', [TENANT_SETTING, tenantId]);
      return work(db);
    });
  }

  /** Platform tables only (tenants, operators): no tenant is set, so tenant rows stay invisible. */
  platform<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
