import { StreamableFile } from '@nestjs/common';
import * as archiver from 'archiver';
import { createWriteStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * A ZIP written to `file` (a path, or a stream such as the FileStore's, which the ZIP ends) entry by entry with archiver: `add` waits until an
 * entry is consumed, so one cursor is open at a time and memory stays flat;
 * `write` runs the entries and finalizes, or aborts and rethrows on any error.
 */
export async function writeZip<T>(file: string | Writable, date: Date, entries: (add: (name: string, source: Readable) => Promise<void>) => Promise<T>): Promise<T> {
  const archive = archiver.create('zip', { zlib: { level: 6 } });
  const written = pipeline(archive, typeof file === 'string' ? createWriteStream(file, { flags: 'w' }) : file);
  written.catch(() => undefined);

  const add = (name: string, source: Readable) =>
    new Promise<void>((resolve, reject) => {
      const onEntry = (entry: { name: string }) => {
        if (entry.name !== name) return;
        cleanup();
        resolve();
      };
      const onError = (error: Error) => {
        cleanup();
        reject(error);
      };
      const cleanup = () => {
        archive.off('entry', onEntry);
        archive.off('error', onError);
        source.off('error', onError);
      };
      archive.on('entry', onEntry);
      archive.on('error', onError);
      source.on('error', onError);
      archive.append(source, { name, date });
    });

  try {
    const result = await entries(add);
    await archive.finalize();
    await written;
    return result;
  } catch (error) {
    archive.abort();
    await written.catch(() => undefined);
    throw error;
  }
}

/** A finished ZIP as it is read back for a download. */
export interface ZipDownload {
  stream: Readable;
  size: number;
  filename: string;
}

/** The answer of a ZIP download: its size, and the name to save it under. */
export function zipResponse(file: ZipDownload): StreamableFile {
  return new StreamableFile(file.stream, { type: 'application/zip', length: file.size, disposition: `attachment; filename="${file.filename}"` });
}
