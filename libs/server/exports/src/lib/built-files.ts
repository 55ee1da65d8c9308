import { isLastAttempt, type AttemptedJob, type FileStore } from '@fieldwork/server-core';
import type { EntityManager } from 'typeorm';
import { lockExpiredBuilds, markBuildsExpired, type BuiltFileTable } from './exports.queries';

/**
 * The sweep of one tenant's built files (exports, data exports): deletes the files of done
 * builds past their expiry and marks them expired (the rows stay, for the record). Runs in
 * the caller's tenant transaction; answers how many expired.
 */
export async function expireBuiltFiles(db: EntityManager, table: BuiltFileTable, tenantId: string, store: FileStore): Promise<number> {
  const expired = await lockExpiredBuilds(db, table, tenantId);
  for (const row of expired) {
    if (row.file_path) await store.delete(row.file_path);
  }
  if (expired.length) await markBuildsExpired(db, table, tenantId, expired.map((row) => row.id));
  return expired.length;
}

/** How often (in rows) a build tells the database how far it got. */
export const BUILD_PROGRESS_EVERY_ROWS = 1_000;

/** What a build job answers: the file it wrote, or why it wrote none. */
export type BuildResult = { status: 'done'; rows: number; bytes: number } | { status: 'skipped'; reason: string };

/**
 * The worker's claim of a file to build (an export, a copy of someone's data, a career center's
 * export), given its row as just locked: why the build is skipped (there is no such row, or its
 * file was already built), or the row, after `markRunning` started the attempt from nothing.
 */
export async function claimBuild<Row extends { status: string }>(row: Row | undefined, noun: string, markRunning: () => Promise<unknown>): Promise<Row | string> {
  if (!row) return `no such ${noun}`;
  if (row.status === 'done' || row.status === 'expired') return `already ${row.status}`;
  await markRunning();
  return row;
}

/**
 * What a failed attempt at building a file records: queued again with the reason when a retry
 * follows, or failed for good with `finalMessage` (given the error's message) after the last attempt.
 */
export function buildFailure(error: unknown, job: AttemptedJob | undefined, finalMessage: (reason: string) => string): { status: 'queued' | 'failed'; message: string } {
  const reason = (error as Error).message;
  return isLastAttempt(job) ? { status: 'failed', message: finalMessage(reason) } : { status: 'queued', message: `Attempt failed (${reason}); retrying` };
}
