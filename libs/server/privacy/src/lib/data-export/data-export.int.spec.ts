import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, LocalFileStore } from '@fieldwork/server-core';
import { prepareTestDatabase, readZip, useTestEnvironment } from '@fieldwork/server-core/testing';
import { percentOf } from '@fieldwork/server-exports';
import { DataExportFiles } from './data-export-files';
import { eraseDataExportsOf } from './data-export-erasure';
import { countItems, totalItems, writeDataExportZip } from './data-export-writer';

/** The ZIP writer and the erasure helper, as the app role inside a tenant (RLS on). */
describe('data export writer (app role, tenant transaction)', () => {
  let source: DataSource;
  let config: AppConfig;
  let dir: string;
  const tenantId = randomUUID();
  const userId = randomUUID();

  const inTenant = <T>(work: (db: EntityManager) => Promise<T>): Promise<T> =>
    source.transaction(async (db) => {
      await db.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      return work(db);
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fieldwork-data-export-int-'));
    config = useTestEnvironment({ EXPORT_DIR: dir });
    await prepareTestDatabase(config);
    source = await new DataSource({ type: 'postgres', url: config.appDatabaseUrl }).initialize();
    await source.query(`INSERT INTO tenants (id, slug, name, timezone) VALUES ($1, $2, 'Harbor College', 'Pacific/Auckland')`, [tenantId, `t-${tenantId.slice(0, 8)}`]);
    await inTenant(async (db) => {
      await db.query(`INSERT INTO users (tenant_id, id, email, name, role) VALUES ($1, $2, 'kai@harbor.test', 'Kai Student', 'student')`, [tenantId, userId]);
      const contact = randomUUID();
      await db.query(
        `INSERT INTO contacts (tenant_id, id, owner_id, name, organization, notes) VALUES ($1, $2, $3, '=HYPERLINK("http://evil.test")', '+Org', '@notes')`,
        [tenantId, contact, userId],
      );
      await db.query(`INSERT INTO interactions (tenant_id, id, contact_id, owner_id, kind, occurred_at, notes) VALUES ($1, gen_random_uuid(), $2, $3, 'event', '2026-12-31T11:30:00Z', '-2 ideas')`, [
        tenantId,
        contact,
        userId,
      ]);
    });
  });

  afterAll(async () => {
    await source?.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('guards CSV cells against formulas (JSON keeps the raw text) and writes dates in the career center’s zone', async () => {
    const file = join(dir, 'one.zip');
    const seen: number[] = [];
    await inTenant(async (db) => {
      const counts = await countItems(db, { tenantId, userId });
      expect(counts).toEqual({ tasks: 0, taskRows: 0, submissions: 0, contacts: 1, interactions: 1 });
      expect(totalItems(counts)).toBe(5);
      const subject = { tenantId, userId, userName: 'Kai Student', role: 'student' as const, tenantName: 'Harbor College', timezone: 'Pacific/Auckland', at: new Date('2026-12-01T00:00:00Z'), expiresAt: new Date('2026-12-08T00:00:00Z') };
      await writeDataExportZip(db, subject, counts, file, async (done) => void seen.push(done));
    });
    expect(seen[seen.length - 1]).toBe(5);
    const zip = await readZip(await readFile(file));
    expect(zip.get('contacts.csv')).toContain(`"'=HYPERLINK(""http://evil.test"")",'+Org`);
    expect(zip.get('contacts.csv')).toContain(`'@notes`);
    expect(zip.get('interactions.csv')).toContain(`'-2 ideas`);
    expect(JSON.parse(zip.get('contacts.json') ?? '')[0].name).toBe('=HYPERLINK("http://evil.test")');
    // 11:30 UTC on Dec 31 is 00:30 on Jan 1 in Auckland (UTC+13 in summer).
    expect(JSON.parse(zip.get('interactions.json') ?? '')[0].occurredAt).toBe('2027-01-01T00:30:00+13:00');
    expect(JSON.parse(zip.get('tasks.json') ?? '')).toEqual([]);
    expect(zip.get('README.txt')).toContain('made on December 1, 2026 at 1:00 PM GMT+13');
    expect(zip.get('README.txt')).toContain('works until December 8, 2026');
  });

  it('erasing a person deletes their copies, rows and files, and is idempotent', async () => {
    const store = new LocalFileStore(config.exportDir);
    const files = new DataExportFiles(store);
    const id = randomUUID();
    const relative = files.relativePath(tenantId, id);
    await mkdir(join(dir, tenantId, 'my-data'), { recursive: true });
    await writeFile(store.path(relative), 'PK');
    await inTenant((db) =>
      db.query(`INSERT INTO data_exports (tenant_id, id, user_id, status, file_path, file_size, expires_at) VALUES ($1, $2, $3, 'done', $4, 2, now() + interval '7 days')`, [
        tenantId,
        id,
        userId,
        relative,
      ]),
    );
    expect(await inTenant((db) => eraseDataExportsOf(db, files, tenantId, userId))).toBe(1);
    expect(existsSync(store.path(relative))).toBe(false);
    expect(await inTenant((db) => db.query(`SELECT id FROM data_exports WHERE tenant_id = $1 AND user_id = $2`, [tenantId, userId]))).toEqual([]);
    expect(await inTenant((db) => eraseDataExportsOf(db, files, tenantId, userId))).toBe(0);
    expect(() => store.path('../../etc/passwd')).toThrow(/not a valid file key/);
  });

  it('percent: 0 while queued, at most 99 while running, 100 once written', () => {
    expect(percentOf('queued', 0, null)).toBe(0);
    expect(percentOf('running', 5, 10)).toBe(50);
    expect(percentOf('running', 10, 10)).toBe(99);
    expect(percentOf('done', 0, 10)).toBe(100);
    expect(percentOf('expired', 0, null)).toBe(100);
    expect(percentOf('failed', 3, 10)).toBe(0);
  });
});
