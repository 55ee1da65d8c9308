import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileStore, checkKey } from './file-store';
import { LocalFileStore } from './local-file-store';
import { S3FileStore } from './s3-file-store';

interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => S3rverServer;

/** The bytes of a kept file (failing the test when there is none). */
async function contentOf(store: FileStore, key: string): Promise<string> {
  const file = await store.open(key);
  if (!file) throw new Error(`no file ${key}`);
  return (await readAll(file.stream)).toString();
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** `total` pseudo-random bytes in 64 KiB chunks, as a stream (never all in memory). */
function bytes(total: number, seed: string): { stream: () => Readable; sha256: string } {
  const chunk = createHash('sha512').update(seed).digest();
  const block = Buffer.alloc(64 * 1024, chunk);
  const hash = createHash('sha256');
  for (let left = total; left > 0; left -= block.length) hash.update(block.subarray(0, Math.min(block.length, left)));
  return {
    sha256: hash.digest('hex'),
    stream: () =>
      Readable.from(
        (function* () {
          for (let left = total; left > 0; left -= block.length) yield block.subarray(0, Math.min(block.length, left));
        })(),
      ),
  };
}

const writeText = (text: string) => (out: Writable) => pipeline(Readable.from([Buffer.from(text)]), out);

describe('file keys', () => {
  it('accepts tenant paths and refuses anything that could escape the root', () => {
    expect(checkKey('3f1c/my-data/a1.zip')).toBe('3f1c/my-data/a1.zip');
    for (const bad of ['../etc/passwd', '/etc/passwd', 'a/../../b', 'a//b', 'a\\b', '', 'a/./b', '.hidden']) {
      expect(() => checkKey(bad)).toThrow(/not a valid file key/);
    }
  });
});

describe.each(['local', 's3'] as const)('FileStore (%s)', (kind) => {
  let store: FileStore;
  let dir: string;
  let s3rver: S3rverServer | null = null;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `fieldwork-store-${kind}-`));
    if (kind === 'local') {
      store = new LocalFileStore(join(dir, 'files'));
    } else {
      s3rver = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(dir, 's3rver') });
      const { port } = await s3rver.run();
      const s3 = new S3FileStore({ url: `http://127.0.0.1:${port}`, bucket: 'fieldwork-test', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
      await s3.ensureBucket();
      await s3.ensureBucket(); // a second process finding it there
      store = s3;
    }
  });

  afterAll(async () => {
    if (store instanceof S3FileStore) store.close();
    await s3rver?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a file, reads it back as a stream with its size, and deletes it', async () => {
    const { result, size } = await store.put('tenant-a/exports/one.csv', async (out) => {
      await writeText('name,e-mail\nAda,ada@example.test\n')(out);
      return 'written';
    });
    expect(result).toBe('written');
    expect(size).toBe(33);
    expect(await store.size('tenant-a/exports/one.csv')).toBe(33);
    expect((await store.open('tenant-a/exports/one.csv'))?.size).toBe(33);
    expect(await contentOf(store, 'tenant-a/exports/one.csv')).toBe('name,e-mail\nAda,ada@example.test\n');

    await store.delete('tenant-a/exports/one.csv');
    await store.delete('tenant-a/exports/one.csv'); // already gone: not an error
    expect(await store.open('tenant-a/exports/one.csv')).toBeNull();
    expect(await store.size('tenant-a/exports/one.csv')).toBeNull();
  });

  it('streams a large file in and out byte for byte (20 MiB: several upload parts on S3)', async () => {
    const source = bytes(20 * 1024 * 1024 + 123, kind);
    const { size } = await store.put('tenant-b/big.bin', (out) => pipeline(source.stream(), out));
    expect(size).toBe(20 * 1024 * 1024 + 123);
    const file = await store.open('tenant-b/big.bin');
    if (!file) throw new Error('the big file is not there');
    const hash = createHash('sha256');
    for await (const chunk of file.stream) hash.update(chunk as Buffer);
    expect(hash.digest('hex')).toBe(source.sha256);
  }, 60_000);

  it('a failed write leaves nothing under the key (nor a part file), and an earlier file of that key stays whole', async () => {
    await store.put('tenant-c/report.csv', writeText('the good copy\n'));
    const failing = store.put('tenant-c/report.csv', async (out) => {
      out.write(Buffer.alloc(100_000, 1));
      throw new Error('the database went away mid-export');
    });
    await expect(failing).rejects.toThrow('the database went away mid-export');
    expect(await contentOf(store, 'tenant-c/report.csv')).toBe('the good copy\n');
    await expect(store.put('tenant-c/never.csv', () => Promise.reject(new Error('no rows for you')))).rejects.toThrow('no rows for you');
    expect(await store.open('tenant-c/never.csv')).toBeNull();
    if (store instanceof LocalFileStore) expect((await readdir(join(store.root, 'tenant-c'))).sort()).toEqual(['report.csv']);
  });

  it("deletes a tenant's folder and only that folder", async () => {
    for (const key of ['tenant-d/a.csv', 'tenant-d/my-data/b.zip', 'tenant-d/tenant-exports/c.zip', 'tenant-d2/keep.csv']) {
      await store.put(key, writeText(key));
    }
    expect(await store.deleteFolder('tenant-d')).toBe(3);
    expect(await store.deleteFolder('tenant-d')).toBe(0);
    expect(await store.open('tenant-d/my-data/b.zip')).toBeNull();
    expect(await contentOf(store, 'tenant-d2/keep.csv')).toBe('tenant-d2/keep.csv');
  });

  it('refuses a key outside its root', async () => {
    await expect(store.put('../outside.csv', writeText('x'))).rejects.toThrow(/not a valid file key/);
    await expect(store.open('../../etc/passwd')).rejects.toThrow(/not a valid file key/);
    expect(existsSync(join(dir, 'outside.csv'))).toBe(false);
  });
});

it('reports where files go', () => {
  expect(new LocalFileStore('/tmp/fw-files').describe()).toBe('local folder /tmp/fw-files');
  const s3 = new S3FileStore({ url: 'http://minio:9000', bucket: 'files', region: 'us-east-1' });
  expect(s3.describe()).toBe('S3 bucket "files" at http://minio:9000');
  s3.close();
});
