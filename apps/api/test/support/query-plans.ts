import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/** What one read cost PostgreSQL, from its own `EXPLAIN (ANALYZE, BUFFERS)`. */
export interface QueryPlan {
  sql: string;
  /** Rows the statement returned. */
  rows: number;
  /** Shared buffers the whole plan touched (hit + read): the work, whatever the cache held. */
  buffers: number;
  executionMs: number;
  planningMs: number;
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
 * Records the plan of every SELECT the API runs while `record` is on: before the
 * statement itself runs, the same text with the same parameters is run once under
 * `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` on the same connection, inside the same
 * transaction (so the tenant setting and row-level security are the request's own).
 * Test-only: it patches TypeORM's PostgreSQL query runner for this process.
 */
export class QueryPlanRecorder {
  private recording: QueryPlan[] | null = null;
  private readonly original = PostgresQueryRunner.prototype.query;

  install(): void {
    const original = this.original;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const recorder = this;
    PostgresQueryRunner.prototype.query = async function (this: PostgresQueryRunner, query: string, parameters?: unknown[], useStructuredResult?: boolean) {
      const plans = recorder.recording;
      if (plans && /^\s*(SELECT|WITH)\b/i.test(query) && !/^\s*SELECT\s+set_config\(/i.test(query)) {
        const explained = await original.call(this, `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query}`, parameters);
        const [{ 'QUERY PLAN': [root] }] = explained as [{ 'QUERY PLAN': [{ Plan: ExplainNode; 'Execution Time': number; 'Planning Time': number }] }];
        plans.push({
          sql: query.replace(/\s+/g, ' ').trim(),
          rows: root.Plan['Actual Rows'] * root.Plan['Actual Loops'],
          buffers: root.Plan['Shared Hit Blocks'] + root.Plan['Shared Read Blocks'],
          executionMs: root['Execution Time'],
          planningMs: root['Planning Time'],
          plan: root,
        });
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
