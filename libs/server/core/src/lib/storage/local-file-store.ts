import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { FileStore, StoredFile, checkKey } from './file-store';

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/**
 * Files on the local disk under one root (EXPORT_DIR): written to a `.part` file
 * beside the final name, then renamed over it once complete (atomic on one file system).
 */
export class LocalFileStore extends FileStore {
  readonly kind = 'local' as const;
  readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  /** The absolute path of a key; refuses anything outside the root. */
  path(key: string): string {
    const path = resolve(this.root, checkKey(key));
    if (!path.startsWith(this.root + sep)) throw new Error(`file key escapes the storage folder: ${key}`);
    return path;
  }

  async put<T>(key: string, write: (out: Writable) => Promise<T>): Promise<{ result: T; size: number }> {
    const finalPath = this.path(key);
    const partPath = `${finalPath}.${randomUUID()}.part`;
    await mkdir(dirname(finalPath), { recursive: true });
    const out = createWriteStream(partPath, { flags: 'w' });
    try {
      const result = await write(out);
      await finished(out);
      await rename(partPath, finalPath);
      const { size } = await stat(finalPath);
      return { result, size };
    } catch (error) {
      out.destroy();
      await rm(partPath, { force: true });
      throw error;
    }
  }

  async open(key: string): Promise<StoredFile | null> {
    // Open first, then stat the open file: a file deleted in between is either served whole or not at all.
    const handle = await open(this.path(key), 'r').catch((error: unknown) => {
      if (isMissing(error)) return null;
      throw error;
    });
    if (!handle) return null;
    try {
      const { size } = await handle.stat();
      return { stream: handle.createReadStream({ autoClose: true }), size };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async size(key: string): Promise<number | null> {
    return stat(this.path(key)).then(
      (stats) => stats.size,
      (error: unknown) => {
        if (isMissing(error)) return null;
        throw error;
      },
    );
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async deleteFolder(prefix: string): Promise<number> {
    const folder = this.path(prefix);
    const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch((error: unknown) => {
      if (isMissing(error)) return [];
      throw error;
    });
    await rm(folder, { recursive: true, force: true });
    return entries.filter((entry) => entry.isFile()).length;
  }

  describe(): string {
    return `local folder ${this.root}`;
  }
}
