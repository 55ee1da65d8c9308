import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { FileStore, S3FileStore } from '@fieldwork/server-core';
import { eventually, ownerClient } from '@fieldwork/server-core/testing';
import { TestApi } from './support/test-api';
import { PrivacyWorkerModule, readZip } from './support/privacy';

interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
// s3rver ships no types: the two methods used here.
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => S3rverServer;

/**
 * With S3_URL and S3_BUCKET set, every file the privacy side keeps goes to the bucket
 * (s3rver on a random port here) and nothing to EXPORT_DIR: a student's "my data" ZIP
 * streams back from it, an operator's whole-tenant ZIP too, and deleting the career
 * center empties its folder in the bucket.
 */
describe('files in S3-compatible object storage (API + privacy worker)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let owner: Client;
  let s3rver: S3rverServer;
  let dir: string;
  let bucket: S3FileStore;

  /** A download through the API, as bytes. */
  const download = async (path: string, token: string): Promise<{ status: number; body: Buffer }> => {
    const response = await fetch(`${api.url}/api${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
  };

  const keysUnder = async (prefix: string): Promise<string[]> => {
    const listed = await bucket.client.send(new ListObjectsV2Command({ Bucket: bucket.bucket, Prefix: `${prefix}/` }));
    return (listed.Contents ?? []).map((object) => object.Key ?? '').sort();
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fieldwork-s3-'));
    s3rver = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(dir, 's3rver') });
    const { port } = await s3rver.run();
    const s3 = { S3_URL: `http://127.0.0.1:${port}`, S3_BUCKET: 'fieldwork-files', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' };
    api = await TestApi.start({ ...s3, GRACE_DAYS: '0', EXPORT_DIR: join(dir, 'not-used'), QUEUE_PREFIX: `s3-${randomBytes(4).toString('hex')}` });
    worker = await NestFactory.createApplicationContext(PrivacyWorkerModule, { logger: false });
    await worker.init();
    owner = await ownerClient(api.config);
    const store = worker.get(FileStore);
    if (!(store instanceof S3FileStore)) throw new Error(`the worker keeps files in ${store.describe()}`);
    bucket = store;
  }, 120_000);

  afterAll(async () => {
    try {
      await worker?.close();
      await api?.close();
    } finally {
      await owner?.end();
      await s3rver?.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("a student's copy of their data, an operator's tenant export, and the career center's deletion", async () => {
    const t = await api.tenantWithPeople();

    // "My data": written by the worker into the bucket, streamed back by the API.
    const requested = await api.request('POST', '/me/data-export', { token: t.student.accessToken });
    expect(requested.status).toBe(202);
    const myDataId = String(requested.body.id);
    await eventually(async () => (await api.request('GET', `/me/data-export/${myDataId}`, { token: t.student.accessToken })).body.status === 'done', 30_000);
    const myData = await download(`/me/data-export/${myDataId}/download`, t.student.accessToken);
    expect(myData.status).toBe(200);
    const zip = await readZip(myData.body);
    expect(zip.get('profile.json')).toContain(t.student.email);
    expect(await keysUnder(t.tenantId)).toEqual([`${t.tenantId}/my-data/${myDataId}.zip`]);

    // The operator's whole-tenant ZIP, likewise.
    const operator = await api.operatorSession();
    const exportRequest = await api.request('POST', `/platform/tenants/${t.tenantId}/export`, { token: operator.accessToken });
    expect(exportRequest.status).toBe(202);
    const tenantExportId = String(exportRequest.body.id);
    await eventually(async () => (await api.request('GET', `/platform/tenant-exports/${tenantExportId}`, { token: operator.accessToken })).body.status === 'done', 30_000);
    const tenantZip = await download(`/platform/tenant-exports/${tenantExportId}/download`, operator.accessToken);
    expect(tenantZip.status).toBe(200);
    expect((await readZip(tenantZip.body)).get('users.csv')).toContain(t.admin.email);
    expect(await keysUnder(t.tenantId)).toEqual([`${t.tenantId}/my-data/${myDataId}.zip`, `${t.tenantId}/tenant-exports/${tenantExportId}.zip`].sort());
    expect(existsSync(join(dir, 'not-used'))).toBe(false);

    // Deleting the career center (GRACE_DAYS=0) empties its folder in the bucket; the audit counts the files.
    const closed = await api.request('DELETE', `/platform/tenants/${t.tenantId}`, { token: operator.accessToken, body: { confirmSlug: t.slug } });
    expect(closed.status).toBe(202);
    await eventually(async () => (await owner.query(`SELECT 1 FROM tenants WHERE id = $1`, [t.tenantId])).rowCount === 0, 60_000);
    expect(await keysUnder(t.tenantId)).toEqual([]);
    const [record] = (await owner.query(`SELECT details FROM platform_audit_events WHERE target_tenant_id = $1 AND action = 'tenant.deleted'`, [t.tenantId])).rows;
    expect(record.details.files).toBe(2);
  }, 180_000);
});
