import { Injectable } from '@nestjs/common';
import { isUuid } from '@fieldwork/contracts';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { PoolClient, QueryResult } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { TENANT_SETTING } from './rls';

/** A tenant transaction opened by a request's session check, not yet taken by the request's work. */
interface OpenedTransaction {
  tenantId: string;
  runner: PostgresQueryRunner;
}

/** One per HTTP request (requestScope()): the transaction its session check opened, until its work takes it. */
class RequestScope {
  opened?: OpenedTransaction;
}

const requests = new AsyncLocalStorage<RequestScope>();

/**
 * Express middleware, first in the chain: each request gets a scope, so the tenant transaction
 * its session check opens (TenantDatabase.openWith) can be handed on to its first
 * `transaction()` instead of being committed and a new one begun.
 */
export function requestScope(): (req: unknown, res: unknown, next: () => void) => void {
  return (_req, _res, next) => requests.run(new RequestScope(), next);
}

/** A UUID as an SQL literal, for the one statement that cannot take parameters (openWith); anything else is refused. */
export function uuidLiteral(value: string): string {
  if (!isUuid(value)) throw new Error('uuidLiteral: not a UUID');
  return `'${value.toLowerCase()}'::uuid`;
}

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
   * set_config(…); SELECT tenant_plans()`, the id inlined only once it is known to
   * be a UUID; tenant_plans() asks for plans made for the values in a career center
   * far above the average); anything else is refused before it reaches PostgreSQL. TypeORM is told the transaction
   * is active, so nothing inside opens or commits another. In a request whose
   * session check opened a transaction of this tenant (openWith), `work` runs in
   * that one: it is already open, with its tenant set.
   */
  async transaction<T>(tenantId: string, work: (db: EntityManager) => Promise<T>): Promise<T> {
    if (!isUuid(tenantId)) throw new Error('TenantDatabase.transaction: the tenant id must be a UUID');
    const runner = takeOpened(tenantId) ?? (await this.begin(tenantId)).runner;
    try {
      const result = await work(runner.manager);
      await runner.query('COMMIT');
      return result;
    } catch (error) {
      // A connection that cannot roll back is lost: pg-pool drops a client that is no longer queryable.
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await release(runner);
    }
  }

  /**
   * Opens a transaction of `tenantId` and runs `statement` in the same round trip
   * (`BEGIN; SELECT set_config(…); statement`), answering its rows: the JWT strategy's
   * session check. `statement` takes no parameters, so every value in it must be a
   * checked literal (uuidLiteral). Within a request (requestScope), the transaction is
   * then kept for the request's first `transaction()` of this tenant, which runs in it:
   * one connection and one round trip fewer per request. If nothing has taken it when
   * this turn of the event loop ends (the request failed its checks, its handler does
   * other work first, or touches no tenant data), it is committed and its connection
   * returned, so an open transaction never waits on anything else.
   */
  async openWith<Row>(tenantId: string, statement: string): Promise<Row[]> {
    if (!isUuid(tenantId)) throw new Error('TenantDatabase.openWith: the tenant id must be a UUID');
    const { runner, rows } = await this.begin(tenantId, statement);
    const scope = requests.getStore();
    if (!scope || scope.opened) {
      await finish(runner);
      return rows as Row[];
    }
    scope.opened = { tenantId: tenantId.toLowerCase(), runner };
    setImmediate(() => {
      if (scope.opened?.runner !== runner) return;
      scope.opened = undefined;
      void finish(runner);
    });
    return rows as Row[];
  }

  /** Platform tables only (tenants, operators): no tenant is set, so tenant rows stay invisible. */
  platform<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** BEGIN, the tenant and `then` (if any) in one round trip; the rows are `then`'s. */
  private async begin(tenantId: string, then?: string): Promise<{ runner: PostgresQueryRunner; rows: unknown[] }> {
    const runner = this.dataSource.createQueryRunner() as PostgresQueryRunner;
    // tenant_plans(): plans made for the values in a career center far above the average (migrations 1766100000000, 1766200000000).
    const text = `BEGIN; SELECT set_config('${TENANT_SETTING}', '${tenantId.toLowerCase()}', true); SELECT tenant_plans()${then ? `; ${then}` : ''}`;
    // Outside the try: a connection that cannot be had fails once (the pool's timeout), not twice.
    const client = (await runner.connect()) as PoolClient;
    try {
      this.dataSource.logger.logQuery(text, [], runner);
      // Several statements in one message: pg answers one result per statement.
      const results = (await client.query(text)) as unknown as QueryResult[];
      runner.isTransactionActive = true;
      return { runner, rows: results[results.length - 1].rows };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      await release(runner);
      throw error;
    }
  }
}

/** The request's opened transaction, if it is of `tenantId` and not yet taken. */
function takeOpened(tenantId: string): PostgresQueryRunner | undefined {
  const scope = requests.getStore();
  const opened = scope?.opened;
  if (!opened || opened.tenantId !== tenantId.toLowerCase()) return undefined;
  scope.opened = undefined;
  return opened.runner;
}

/** Commits a transaction nobody took and returns its connection. */
async function finish(runner: PostgresQueryRunner): Promise<void> {
  try {
    await runner.query('COMMIT');
  } catch {
    await runner.query('ROLLBACK').catch(() => undefined);
  } finally {
    await release(runner);
  }
}

async function release(runner: PostgresQueryRunner): Promise<void> {
  runner.isTransactionActive = false;
  await runner.release();
}
