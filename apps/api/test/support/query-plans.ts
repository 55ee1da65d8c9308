import * as pg from 'pg';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/** pg's own text form of a parameter (pg/lib/utils.js; not in @types/pg). */
const { prepareValue } = (pg as unknown as { utils: { prepareValue(value: unknown): unknown } }).utils;

/** A parameter as an SQL literal, in the text pg would have sent for it. */
function literal(value: unknown): string {
  const text = prepareValue(value);
  return text === null ? 'NULL' : `'${String(text).replace(/'/g, "''")}'`;
}

/** What one read cost PostgreSQL, from its own `EXPLAIN (ANALYZE, BUFFERS)`. */
export interface QueryPlan {
  sql: string;
  /** Rows the statement returned. */
  rows: number;
  /** Shared buffers the whole plan touched (hit + read): the work, whatever the cache held. */
  buffers: number;
  executionMs: number;
  planningMs: number;
  /**
   * The plan of the statement's sixth run as a prepared statement (every statement with
   * parameters is prepared: PreparingClient), when PostgreSQL may have switched to a generic plan,
   * planned without the parameters' values; false for the plan of this run's values.
   */
  generic: boolean;
  /** The plan as PostgreSQL printed it (JSON), for the failure message. */
  plan: unknown;
}

interface ExplainNode {
  'Actual Rows': number;
  'Actual Loops': number;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
}

/**
 * Records the plans of every SELECT the API runs while `record` is on: before the
 * statement itself runs, the same text with the same parameters is run under
 * `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` on the same connection, inside the same
 * transaction (so the tenant setting and row-level security are the request's own):
 * once with a plan for these values, and, for a statement with parameters, once more
 * with the plan a busy connection ends up running (PREPARE, five EXECUTEs, then
 * EXPLAIN EXECUTE: after five runs PostgreSQL keeps a generic plan when its estimate
 * is no worse; DEALLOCATE before the statement runs). Test-only: it patches TypeORM's PostgreSQL query runner for this process.
 */
export class QueryPlanRecorder {
  private recording: QueryPlan[] | null = null;
  private readonly original = PostgresQueryRunner.prototype.query;

  /** `genericAlways`: the prepared statement's plan is checked under `plan_cache_mode = auto`, whatever `tenant_plans()` chose. */
  install({ genericAlways = false }: { genericAlways?: boolean } = {}): void {
    const original = this.original;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const recorder = this;
    PostgresQueryRunner.prototype.query = async function (this: PostgresQueryRunner, query: string, parameters?: unknown[], useStructuredResult?: boolean) {
      const plans = recorder.recording;
      if (plans && /^\s*(SELECT|WITH)\b/i.test(query) && !/^\s*SELECT\s+set_config\(/i.test(query)) {
        const record = (explained: unknown, generic: boolean) => {
          const [{ 'QUERY PLAN': [root] }] = explained as [{ 'QUERY PLAN': [{ Plan: ExplainNode; 'Execution Time': number; 'Planning Time': number }] }];
          plans.push({
            sql: query.replace(/\s+/g, ' ').trim(),
            rows: root.Plan['Actual Rows'] * root.Plan['Actual Loops'],
            buffers: root.Plan['Shared Hit Blocks'] + root.Plan['Shared Read Blocks'],
            executionMs: root['Execution Time'],
            planningMs: root['Planning Time'],
            generic,
            plan: root,
          });
        };
        record(await original.call(this, `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query}`, parameters), false);
        if (parameters?.length) {
          // The plan PostgreSQL settles on for a prepared statement: five runs, then the sixth explained.
          // EXECUTE's arguments as literals: a utility statement takes no bind parameters.
          const execute = `EXECUTE fw_plan_check(${parameters.map(literal).join(', ')})`;
          if (genericAlways) await original.call(this, `SET LOCAL plan_cache_mode = auto`);
          await original.call(this, `PREPARE fw_plan_check AS ${query}`);
          try {
            for (let run = 0; run < 5; run++) await original.call(this, execute);
            record(await original.call(this, `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${execute}`), true);
          } finally {
            await original.call(this, `DEALLOCATE fw_plan_check`);
          }
        }
      }
      return original.call(this, query, parameters, useStructuredResult);
    } as typeof original;
  }

  uninstall(): void {
    PostgresQueryRunner.prototype.query = this.original;
  }

  /** The plans of the SELECTs `work` caused, in order. */
  async during(work: () => Promise<unknown>): Promise<QueryPlan[]> {
    const plans: QueryPlan[] = [];
    this.recording = plans;
    try {
      await work();
    } finally {
      this.recording = null;
    }
    return plans;
  }
}
