import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { CURRICULUM, OutboxRelay, QueueService } from '@fieldwork/server-core';
import { eventually, ownerClient, prepareTestDatabase, useTestEnvironment } from '@fieldwork/server-core/testing';
import { WorkerModule } from '../src/app/worker.module';

const backends: [string, string][] = [['postgres', '']];
if (process.env['REDIS_URL']) backends.push(['redis', process.env['REDIS_URL']]);

const STUDENTS = 50;

/** An assignment to a 50-student cohort as the API writes it: tasks and an outbox row in one transaction. */
async function assignToCohort(owner: Client, tenantId: string): Promise<{ assignmentId: string; outboxId: string }> {
  const cohortId = randomUUID();
  const templateId = randomUUID();
  const assignmentId = randomUUID();
  const outboxId = randomUUID();
  const advisorId = randomUUID();
  const template = CURRICULUM[0];
  await owner.query('BEGIN');
  await owner.query(`INSERT INTO cohorts (tenant_id, id, name) VALUES ($1, $2, 'Notify cohort')`, [tenantId, cohortId]);
  await owner.query(`INSERT INTO users (tenant_id, id, email, name, role) VALUES ($1, $2, 'adv@n.test', 'Adv', 'advisor')`, [tenantId, advisorId]);
  await owner.query(
    `WITH s AS (INSERT INTO users (tenant_id, id, email, name, role)
                SELECT $1, gen_random_uuid(), 's' || n || '@n.test', 'Student ' || n, 'student' FROM generate_series(1, $3) n RETURNING id)
     INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role) SELECT $1, $2, id, 'student' FROM s`,
    [tenantId, cohortId, STUDENTS],
  );
  await owner.query(
    `INSERT INTO templates (tenant_id, id, title, category, instructions, prompts, contact_required, evidence, rubric, estimated_minutes)
     VALUES ($1, $2, $3, $4, 'x', $5, false, '{"kind":"none","required":false}', null, 30)`,
    [tenantId, templateId, template.title, template.category, JSON.stringify(template.prompts)],
  );
  await owner.query(
    `INSERT INTO assignments (tenant_id, id, template_id, cohort_id, title, category, instructions, prompts, contact_required, evidence,
                              estimated_minutes, opens_at, due_at, created_by)
     SELECT tenant_id, $3, id, $4, title, category, instructions, prompts, contact_required, evidence, estimated_minutes, now(), now() + interval '7 days', $5
       FROM templates WHERE tenant_id = $1 AND id = $2`,
    [tenantId, templateId, assignmentId, cohortId, advisorId],
  );
  await owner.query(
    `INSERT INTO tasks (tenant_id, id, assignment_id, student_id, cohort_id, opens_at, due_at)
     SELECT $1, gen_random_uuid(), $2, user_id, cohort_id, now(), now() + interval '7 days' FROM cohort_members WHERE tenant_id = $1 AND cohort_id = $3 AND role = 'student'`,
    [tenantId, assignmentId, cohortId],
  );
  await owner.query(`INSERT INTO outbox (tenant_id, id, topic, payload) VALUES ($1, $2, 'assignment.created', $3)`, [tenantId, outboxId, JSON.stringify({ assignmentId })]);
  await owner.query('COMMIT');
  return { assignmentId, outboxId };
}

describe.each(backends)('notifications through the outbox on the %s queue backend', (_backend, redisUrl) => {
  let worker: INestApplicationContext;
  let owner: Client;
  const tenantId = randomUUID();

  beforeAll(async () => {
    const config = useTestEnvironment({ REDIS_URL: redisUrl, QUEUE_PREFIX: `notify-${randomUUID().slice(0, 8)}` });
    await prepareTestDatabase(config);
    owner = await ownerClient(config);
    await owner.query(`INSERT INTO tenants (id, slug, name, timezone) VALUES ($1, $2, 'Notify U', 'America/Chicago')`, [tenantId, `notify-${tenantId.slice(0, 8)}`]);
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

  const count = async (assignmentId: string) =>
    (
      await owner.query(
        `SELECT count(*)::int AS n FROM notifications n JOIN tasks t ON t.tenant_id = n.tenant_id AND t.id = n.subject_id
          WHERE n.tenant_id = $1 AND t.assignment_id = $2 AND n.kind = 'new_assignment'`,
        [tenantId, assignmentId],
      )
    ).rows[0].n as number;

  it('relays an assignment from the outbox and notifies each of the 50 students exactly once', async () => {
    const { assignmentId, outboxId } = await assignToCohort(owner, tenantId);
    await eventually(async () => (await count(assignmentId)) === STUDENTS, 20_000);
    const { rows } = await owner.query(`SELECT relayed_at FROM outbox WHERE tenant_id = $1 AND id = $2`, [tenantId, outboxId]);
    expect(rows[0].relayed_at).not.toBeNull();
    const [sample] = (await owner.query(`SELECT title, link FROM notifications WHERE tenant_id = $1 LIMIT 1`, [tenantId])).rows;
    expect(sample.title).toMatch(/^New homework: /);
    expect(sample.link).toMatch(/^\/tasks\/[0-9a-f-]{36}$/);

    // The same event relayed again (a crash before the outbox row was marked) or a re-delivered job adds nothing.
    await owner.query(`UPDATE outbox SET relayed_at = NULL WHERE tenant_id = $1 AND id = $2`, [tenantId, outboxId]);
    await worker.get(OutboxRelay).drain();
    const queues = worker.get(QueueService);
    const again = await queues.add('assignment-created', { tenantId, assignmentId }, { jobId: `redelivered-${assignmentId}` });
    await eventually(async () => (await again.getState()) === 'completed', 10_000);
    expect(await count(assignmentId)).toBe(STUDENTS);
  }, 60_000);
});
