import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TENANT_SETTING, issueOpaqueToken, migrationDataSource } from '@fieldwork/server-core';
import { ownerClient } from '@fieldwork/server-core/testing';
import { TenantFixture, TestApi } from './support/test-api';
import { cohortWithPeople, inDays } from './support/homework-fixture';

const sha256 = (text: string) => createHash('sha256').update(text).digest();
const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!.replace(/\.ics$/, '');

describe('calendar feeds: hashed tokens, shown once, opened homework only', () => {
  let api: TestApi;
  let t: TenantFixture;
  let owner: Client;

  beforeAll(async () => {
    api = await TestApi.start();
    t = await api.tenantWithPeople();
    owner = await ownerClient(api.config);
  });
  afterAll(async () => {
    await owner.end();
    await api.close();
  });

  const feed = async (url: string) => {
    const response = await fetch(`${api.url}${new URL(url).pathname}`);
    return { status: response.status, body: await response.text() };
  };
  /** Every stored column of the user's row, as text, read as the owner inside the tenant. */
  const storedRow = async (userId: string): Promise<{ text: string; hash: Buffer | null }> => {
    await owner.query('BEGIN');
    try {
      await owner.query(`SELECT set_config('${TENANT_SETTING}', $1, true)`, [t.tenantId]);
      const { rows } = await owner.query(`SELECT to_jsonb(u)::text AS text, calendar_token_hash AS hash FROM users u WHERE tenant_id = $1 AND id = $2`, [
        t.tenantId,
        userId,
      ]);
      return rows[0];
    } finally {
      await owner.query('COMMIT');
    }
  };

  it('stores only a SHA-256 hash of the token, shows the link once, and still serves it', async () => {
    const first = await api.request('GET', '/me/calendar', { token: t.advisor.accessToken });
    expect(first.status).toBe(200);
    expect(first.body.url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{64}\.ics$/);
    expect(Date.parse(first.body.createdAt)).not.toBeNaN();
    const token = tokenOf(first.body.url);

    const row = await storedRow(t.advisor.userId);
    expect(row.text).not.toContain(token);
    expect(Buffer.compare(row.hash!, sha256(token))).toBe(0);

    // The database cannot give the token back: later calls say a link exists, since when.
    const again = await api.request('GET', '/me/calendar', { token: t.advisor.accessToken });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ url: null, createdAt: first.body.createdAt });
    expect((await feed(first.body.url)).status).toBe(200);

    // Rotating shows a new link once; the old one stops working.
    const rotated = await api.request('POST', '/me/calendar/rotate', { token: t.advisor.accessToken });
    expect(rotated.status).toBe(200);
    expect(rotated.body.url).not.toBe(first.body.url);
    expect(Date.parse(rotated.body.createdAt)).toBeGreaterThanOrEqual(Date.parse(first.body.createdAt));
    expect((await feed(first.body.url)).status).toBe(404);
    expect((await feed(rotated.body.url)).status).toBe(200);
    expect((await storedRow(t.advisor.userId)).text).not.toContain(tokenOf(rotated.body.url));
    expect((await api.request('GET', '/me/calendar', { token: t.advisor.accessToken })).body.url).toBeNull();
  });

  it('lists a student only the homework that has opened (not what the API would answer 404 for)', async () => {
    const { cohortId, template } = await cohortWithPeople(api, t, 'Opening cohort');
    const later = await api.request('GET', '/templates?category=follow-up', { token: t.admin.accessToken });
    const hidden = later.body.items[0];
    const open = await api.request('POST', '/assignments', {
      token: t.advisor.accessToken,
      body: { templateId: template.id, cohortId, opensAt: inDays(-1), dueAt: inDays(4) },
    });
    const notYet = await api.request('POST', '/assignments', {
      token: t.advisor.accessToken,
      body: { templateId: hidden.id, cohortId, opensAt: inDays(3), dueAt: inDays(9) },
    });
    expect([open.status, notYet.status]).toEqual([201, 201]);

    const link = await api.request('POST', '/me/calendar/rotate', { token: t.student.accessToken });
    const ics = (await feed(link.body.url)).body;
    expect(ics).toContain(`Due: ${template.title.slice(0, 30)}`);
    expect(ics).not.toContain(hidden.title.slice(0, 30));
    // The student's task list agrees: the unopened homework is not theirs to see yet.
    const tasks = await api.request('GET', '/tasks', { token: t.student.accessToken });
    expect(JSON.stringify(tasks.body)).not.toContain(hidden.title);
    // Advisors plan ahead: their feed has both.
    const advisorIcs = (await feed((await api.request('POST', '/me/calendar/rotate', { token: t.advisor.accessToken })).body.url)).body;
    expect(advisorIcs).toContain(hidden.title.slice(0, 30));
  });

  it('migration: a feed URL made before hashing keeps working after it', async () => {
    const admin = await ownerClient(api.config);
    const name = `fieldwork_calendar_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(api.config.ownerDatabaseUrl);
    url.pathname = `/${name}`;
    const dataSource = migrationDataSource(url.toString());
    try {
      await dataSource.initialize();
      await dataSource.runMigrations();
      // Back to plain-text calendar tokens: undo the hashing migration and every one after it.
      const undone = dataSource.migrations.length - dataSource.migrations.findIndex((m) => m.name === 'CalendarTokenHash1764800000000');
      for (let i = 0; i < undone; i++) await dataSource.undoLastMigration();
      const tenantId = randomUUID();
      const userId = randomUUID();
      const { token } = issueOpaqueToken(tenantId);
      await dataSource.transaction(async (db) => {
        await db.query(`INSERT INTO tenants (id, slug, name, timezone) VALUES ($1, $2, 'Old Center', 'UTC')`, [tenantId, `old-${randomBytes(3).toString('hex')}`]);
        await db.query(`SELECT set_config('${TENANT_SETTING}', $1, true)`, [tenantId]);
        await db.query(`INSERT INTO users (tenant_id, id, email, name, role, calendar_token) VALUES ($1, $2, 'old@x.test', 'Old User', 'student', $3)`, [
          tenantId,
          userId,
          token,
        ]);
      });
      expect(await dataSource.runMigrations()).toHaveLength(undone);
      const rows = await dataSource.transaction(async (db) => {
        await db.query(`SELECT set_config('${TENANT_SETTING}', $1, true)`, [tenantId]);
        return db.query(`SELECT calendar_token_hash AS hash, calendar_token_created_at AS created_at, to_jsonb(u)::text AS text FROM users u`);
      });
      expect(rows).toHaveLength(1);
      // The feed looks a token up by exactly this hash (parseOpaqueToken → hashToken), so the old URL still opens it.
      expect(Buffer.compare(rows[0].hash, sha256(token))).toBe(0);
      expect(rows[0].created_at).toBeInstanceOf(Date);
      expect(rows[0].text).not.toContain(token);
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
