import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { eventually, ownerClient, prepareTestDatabase, useTestEnvironment } from '@fieldwork/server-core/testing';
import { WorkerModule } from '../src/app/worker.module';

const backends: [string, string][] = [['postgres', '']];
if (process.env['REDIS_URL']) backends.push(['redis', process.env['REDIS_URL']]);

/**
 * The erasure through the real worker: an approved request's outbox row (`deletion.approved`) is relayed
 * to the `erasure` queue and `erase-user` erases the account, once — a duplicated outbox row is a no-op,
 * a cancelled request is left alone, and the audit event holds ids and counts only.
 */
describe.each(backends)('erase-user on the %s queue backend', (_backend, redisUrl) => {
  let worker: INestApplicationContext;
  let owner: Client;
  const tenantId = randomUUID();
  const erased = { id: randomUUID(), email: `gone.${randomUUID().slice(0, 6)}@x.test`, name: 'Gwendolyn Goneaway' };
  const kept = { id: randomUUID(), email: `kept.${randomUUID().slice(0, 6)}@x.test`, name: 'Kirby Keeper' };
  const adminId = randomUUID();
  const approved = randomUUID();
  const cancelled = randomUUID();

  beforeAll(async () => {
    const config = useTestEnvironment({ REDIS_URL: redisUrl, QUEUE_PREFIX: `erasure-${randomUUID().slice(0, 8)}` });
    await prepareTestDatabase(config);
    owner = await ownerClient(config);
    await owner.query(`INSERT INTO tenants (id, slug, name, timezone) VALUES ($1, $2, 'Erasure', 'UTC')`, [tenantId, `erasure-${tenantId.slice(0, 8)}`]);
    await owner.query(
      `INSERT INTO users (tenant_id, id, email, name, role, password_hash, student_id) VALUES
         ($1, $2, $3, $4, 'student', 'x', 'GW-1234567'), ($1, $5, $6, $7, 'student', 'x', NULL), ($1, $8, 'admin@x.test', 'Ada Admin', 'admin', 'x', NULL)`,
      [tenantId, erased.id, erased.email, erased.name, kept.id, kept.email, kept.name, adminId],
    );
    await owner.query(
      `INSERT INTO contacts (tenant_id, id, owner_id, name, notes) VALUES ($1, gen_random_uuid(), $2, 'Third Party', $3)`,
      [tenantId, erased.id, `Introduced by ${kept.name}`],
    );
    await owner.query(
      `INSERT INTO notifications (tenant_id, id, user_id, kind, subject_id, title, body) VALUES ($1, gen_random_uuid(), $2, 'new_assignment', gen_random_uuid(), 'x', $3)`,
      [tenantId, adminId, `${erased.name} has not started the interview`],
    );
    await owner.query(
      `INSERT INTO deletion_requests (tenant_id, id, user_id, requested_by, reason, status, approved_by, approved_at) VALUES
         ($1, $2, $3, $3, 'Please remove me, Gwendolyn', 'approved', $5, now()), ($1, $4, $6, $6, NULL, 'cancelled', NULL, NULL)`,
      [tenantId, approved, erased.id, cancelled, adminId, kept.id],
    );
    // The approval's outbox row, twice (a retried request), and a stale one for the cancelled request.
    await owner.query(
      `INSERT INTO outbox (tenant_id, id, topic, payload) VALUES
         ($1, gen_random_uuid(), 'deletion.approved', $2), ($1, gen_random_uuid(), 'deletion.approved', $2), ($1, gen_random_uuid(), 'deletion.approved', $3)`,
      [tenantId, JSON.stringify({ requestId: approved }), JSON.stringify({ requestId: cancelled })],
    );
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await worker.init();
  });

  afterAll(async () => {
    try {
      await worker?.close();
      await owner?.query(`DELETE FROM tenants WHERE id = $1`, [tenantId]);
    } finally {
      await owner?.end();
    }
  });

  it('erases the approved request’s account once, leaves the cancelled one alone, and audits ids and counts only', async () => {
    await eventually(async () => {
      const { rows } = await owner.query(`SELECT status FROM deletion_requests WHERE tenant_id = $1 AND id = $2`, [tenantId, approved]);
      return rows[0]?.status === 'done';
    }, 30_000);
    // Let the duplicate and the stale row be processed too.
    await eventually(async () => {
      const { rows } = await owner.query(`SELECT count(*)::int AS n FROM outbox WHERE tenant_id = $1 AND relayed_at IS NULL`, [tenantId]);
      return rows[0].n === 0;
    }, 30_000);
    await new Promise((r) => setTimeout(r, 1_000));

    const users = (await owner.query(`SELECT id, name, email, student_id, password_hash, active, erased_at IS NOT NULL AS erased FROM users WHERE tenant_id = $1 ORDER BY name`, [tenantId])).rows;
    expect(users).toEqual(
      expect.arrayContaining([
        { id: erased.id, name: `Deleted user #${erased.id.slice(0, 8)}`, email: `deleted-${erased.id}@erased.invalid`, student_id: null, password_hash: null, active: false, erased: true },
        { id: kept.id, name: kept.name, email: kept.email, student_id: null, password_hash: 'x', active: true, erased: false },
      ]),
    );
    const requests = (await owner.query(`SELECT id, status, reason, result FROM deletion_requests WHERE tenant_id = $1 ORDER BY status`, [tenantId])).rows;
    expect(requests).toEqual([
      { id: cancelled, status: 'cancelled', reason: null, result: null },
      { id: approved, status: 'done', reason: null, result: { tasks: 0, reflections: 0, contacts: 1, interactions: 0 } },
    ]);
    const events = (await owner.query(`SELECT actor_id, subject_id, details FROM audit_events WHERE tenant_id = $1 AND action = 'user.erased'`, [tenantId])).rows;
    expect(events).toEqual([{ actor_id: adminId, subject_id: erased.id, details: { requestId: approved, tasks: 0, reflections: 0, contacts: 1, interactions: 0 } }]);
    const inbox = (await owner.query(`SELECT body FROM notifications WHERE tenant_id = $1 AND user_id = $2`, [tenantId, adminId])).rows;
    expect(inbox).toEqual([{ body: `Deleted user #${erased.id.slice(0, 8)} has not started the interview` }]);
    const contacts = (await owner.query(`SELECT count(*)::int AS n FROM contacts WHERE tenant_id = $1`, [tenantId])).rows[0];
    expect(contacts.n).toBe(0);
  }, 60_000);
});
