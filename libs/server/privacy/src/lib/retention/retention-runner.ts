import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditService, TenantDatabase } from '@fieldwork/server-core';
import type { RetentionCounts } from '@fieldwork/contracts';
import { eraseUsers } from '../erasure/erase-users';
import {
  blankReflectionBatch,
  deleteAuditBatch,
  deleteContactBatch,
  deleteInteractionBatch,
  dueAccountBatch,
  insertRun,
  lockRun,
  recordBatch,
  toRetentionCounts,
  type CountedPhase,
  type RetentionRunRow,
} from './retention.queries';

/** Rows per statement: each batch is its own short transaction. */
export const RETENTION_BATCH_ROWS = 5_000;
/** Accounts per erasure call (an erasure rewrites several tables per call). */
export const RETENTION_BATCH_ACCOUNTS = 200;

/**
 * The phases of a run, in order. Audit events go first (so the run never deletes the `user.erased`
 * or `retention.applied` rows it writes); accounts next, measured on untouched data (deleting a
 * student's contacts must not make them look inactive); then the content rules, which skip erased
 * accounts (the erasure already removed or blanked their content).
 */
export const RETENTION_PHASES: readonly CountedPhase[] = ['audit', 'accounts', 'reflections', 'interactions', 'contacts'];
export type RetentionPhase = CountedPhase | 'done';

export interface RetentionRunResult {
  runId: string;
  /** False when this run had already finished (a re-delivered job): nothing was done again. */
  applied: boolean;
  counts: RetentionCounts;
}

export interface RetentionRunOptions {
  batchRows?: number;
  batchAccounts?: number;
  /** Called after each committed batch (tests use it to stop a run between batches). */
  afterBatch?: (phase: RetentionPhase, rows: number) => void | Promise<void>;
}

function phaseAfter(phase: CountedPhase): RetentionPhase {
  const index = RETENTION_PHASES.indexOf(phase);
  return index + 1 < RETENTION_PHASES.length ? RETENTION_PHASES[index + 1] : 'done';
}

/**
 * Applies a tenant's retention policy as of `at`. A run is a `retention_runs` row keyed by
 * (tenant, at): each batch deletes (or blanks) up to N rows and adds its count to the row in the
 * same transaction, with the row locked, so a crash loses at most the batch in hand and a re-run
 * (the job's retry, or the same job delivered twice) continues from the phase and counts it
 * reached, never counting a row twice. The transaction that finishes the last phase marks the run
 * done and writes its one `retention.applied` audit event with the counts.
 */
@Injectable()
export class RetentionRunner {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  async apply(tenantId: string, at: Date, options: RetentionRunOptions = {}): Promise<RetentionRunResult> {
    if (Number.isNaN(at.getTime())) throw new Error('apply-retention needs a valid `at` time');
    const batchRows = options.batchRows ?? RETENTION_BATCH_ROWS;
    const batchAccounts = options.batchAccounts ?? RETENTION_BATCH_ACCOUNTS;
    const start = await this.tenantDb.transaction(tenantId, async (db) => {
      await insertRun(db, tenantId, randomUUID(), at);
      return lockRun(db, tenantId, at);
    });
    if (start.phase === 'done') return { runId: start.id, applied: false, counts: toRetentionCounts(start) };

    for (;;) {
      const step = await this.tenantDb.transaction(tenantId, async (db): Promise<{ run: RetentionRunRow; phase: RetentionPhase; rows: number }> => {
        const run = await lockRun(db, tenantId, at);
        if (run.phase === 'done') return { run, phase: 'done', rows: 0 };
        const phase = run.phase;
        const limit = phase === 'accounts' ? batchAccounts : batchRows;
        const rows = await this.batch(db, tenantId, at, run, phase, limit);
        const next = rows < limit ? phaseAfter(phase) : phase;
        await recordBatch(db, tenantId, run.id, phase, rows, next);
        const updated = await lockRun(db, tenantId, at);
        if (next === 'done') {
          await this.audit.record(db, {
            tenantId,
            action: 'retention.applied',
            subjectType: 'tenant',
            subjectId: tenantId,
            details: { at: at.toISOString(), ...toRetentionCounts(updated) },
          });
        }
        return { run: updated, phase, rows };
      });
      if (step.phase === 'done') return { runId: step.run.id, applied: false, counts: toRetentionCounts(step.run) };
      await options.afterBatch?.(step.phase, step.rows);
      if (step.run.phase === 'done') return { runId: step.run.id, applied: true, counts: toRetentionCounts(step.run) };
    }
  }

  private async batch(db: EntityManager, tenantId: string, at: Date, run: RetentionRunRow, phase: CountedPhase, limit: number): Promise<number> {
    switch (phase) {
      case 'audit':
        return deleteAuditBatch(db, tenantId, at, new Date(run.started_at), limit);
      case 'accounts': {
        const ids = await dueAccountBatch(db, tenantId, at, limit);
        if (!ids.length) return 0;
        const { erased } = await eraseUsers(db, tenantId, ids, 'retention');
        // A partial batch would end the phase early; every due account is erasable, so erased = ids.length.
        return erased;
      }
      case 'reflections':
        return blankReflectionBatch(db, tenantId, at, limit);
      case 'interactions':
        return deleteInteractionBatch(db, tenantId, at, limit);
      case 'contacts':
        return deleteContactBatch(db, tenantId, at, limit);
    }
  }
}
