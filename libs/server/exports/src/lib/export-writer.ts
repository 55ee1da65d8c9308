import { createWriteStream } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { EntityManager } from 'typeorm';
import { SAFE_CAST } from './csv-safety';
import type { ExportQuery } from './export-kinds';

/**
 * Streams an export's rows into a CSV file through a server-side cursor
 * (DECLARE … FETCH), FETCH_SIZE rows at a time, with backpressure from the file:
 * memory stays flat however many rows. Runs in the caller's transaction, which
 * must be a tenant transaction (row-level security applies to the cursor).
 * `file` is a path, or a stream (the FileStore's) that the CSV ends.
 * `onBatch` is told the running row count after every fetch.
 */
export async function writeCsv(
  db: EntityManager,
  query: ExportQuery,
  file: string | Writable,
  onBatch: (doneRows: number) => Promise<void>,
): Promise<number> {
  if (!db.queryRunner?.isTransactionActive) throw new Error('writeCsv() runs inside a transaction');
  let done = 0;
  async function* records(): AsyncGenerator<unknown[]> {
    for await (const batch of query.records(db)) {
      yield* batch;
      if (!batch.length) break;
      done += batch.length;
      await onBatch(done);
    }
  }
  await pipeline(
    Readable.from(records()),
    stringify({ header: true, columns: query.columns, cast: SAFE_CAST, bom: true }),
    typeof file === 'string' ? createWriteStream(file, { flags: 'w' }) : file,
  );
  return done;
}
