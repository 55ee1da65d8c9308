import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { appRoleClient, prepareTestDatabase, useTestEnvironment } from '@fieldwork/server-core/testing';
import { seedTemplateLibrary } from '@fieldwork/server-homework';
import type { ReflectionPrompt } from '@fieldwork/contracts';
import { DEMO_ACTIVITY_COHORT, seedDemoActivity } from './demo-activity';

const ADVISOR = 'advisor@demo.test';

/**
 * The demo career center's second cohort, seeded (as the app role, inside the tenant) into a
 * fresh New York career center: real answers for every prompt, and every gradebook status.
 */
describe('demo activity seed', () => {
  let db: Client;
  const tenantId = randomUUID();

  const inTenant = async <T>(work: () => Promise<T>): Promise<T> => {
    await db.query('BEGIN');
    try {
      await db.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      const result = await work();
      await db.query('COMMIT');
      return result;
    } catch (error) {
      await db.query('ROLLBACK');
      throw error;
    }
  };
  const rows = <T>(sql: string, params: unknown[] = [tenantId]) => inTenant(async () => (await db.query(sql, params)).rows as T[]);

  beforeAll(async () => {
    const config = useTestEnvironment();
    await prepareTestDatabase(config);
    db = await appRoleClient(config);
    const slug = `demo-${tenantId.slice(0, 8)}`;
    await db.query(`INSERT INTO tenants (id, slug, name, timezone) VALUES ($1, $2, 'Demo seed test', 'America/New_York')`, [tenantId, slug]);
    // As the demo seed runs at start: one transaction (TypeORM's, as the app role) with the tenant set.
    const source = await new DataSource({ type: 'postgres', url: config.appDatabaseUrl }).initialize();
    try {
      await source.transaction(async (manager) => {
        await manager.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
        await manager.query(`INSERT INTO users (tenant_id, id, email, name, role) VALUES ($1, $2, $3, 'Morgan Advisor', 'advisor')`, [tenantId, randomUUID(), ADVISOR]);
        await seedTemplateLibrary(manager, tenantId);
        await seedDemoActivity(manager, tenantId, ADVISOR);
      });
    } finally {
      await source.destroy();
    }
  });
  afterAll(async () => {
    await db?.end();
  });

  it('gives the demo advisor the cohort', async () => {
    const members = await rows<{ role: string; n: number }>(
      `SELECT m.role, count(*)::int AS n FROM cohort_members m JOIN cohorts c ON c.tenant_id = m.tenant_id AND c.id = m.cohort_id
        WHERE m.tenant_id = $1 AND c.name = $2 GROUP BY m.role ORDER BY m.role`,
      [tenantId, DEMO_ACTIVITY_COHORT],
    );
    expect(members).toEqual([
      { role: 'advisor', n: 1 },
      { role: 'student', n: 6 },
    ]);
    const [advisor] = await rows<{ email: string }>(
      `SELECT u.email FROM cohort_members m JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id WHERE m.tenant_id = $1 AND m.role = 'advisor'`,
    );
    expect(advisor.email).toBe(ADVISOR);
  });

  it('answers every prompt of every submitted reflection, with values of the prompt’s type, in several voices', async () => {
    const submissions = await rows<{ answers: Record<string, unknown>; prompts: ReflectionPrompt[]; evidence: string | null; evidence_kind: string; contact_name: string | null }>(
      `SELECT s.answers, a.prompts, s.evidence, a.evidence ->> 'kind' AS evidence_kind, s.contact_name
         FROM submissions s JOIN tasks t ON t.tenant_id = s.tenant_id AND t.id = s.task_id
         JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id WHERE s.tenant_id = $1`,
    );
    expect(submissions.length).toBeGreaterThanOrEqual(10);
    for (const { answers, prompts, evidence, evidence_kind, contact_name } of submissions) {
      expect(contact_name).toBeTruthy();
      if (evidence_kind === 'url') expect(evidence).toMatch(/^https:\/\//);
      for (const prompt of prompts) {
        const value = answers[prompt.key];
        if (!prompt.required && (value === undefined || value === null)) continue;
        expect({ prompt: prompt.key, value }).toEqual({ prompt: prompt.key, value: expect.anything() });
        if (prompt.type === 'date') expect(value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (prompt.type === 'choice') expect(prompt.options).toContain(value);
        if (prompt.type === 'scale') expect([1, 2, 3, 4, 5]).toContain(value);
        if (prompt.type === 'short_text' || prompt.type === 'long_text') expect((value as string).trim().length).toBeGreaterThan(prompt.type === 'long_text' ? 20 : 3);
      }
      expect(Object.keys(answers).every((key) => prompts.some((p) => p.key === key))).toBe(true);
    }
    const texts = submissions.flatMap(({ answers }) => Object.values(answers).filter((v): v is string => typeof v === 'string' && v.length > 20));
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts.join(' ')).not.toMatch(/No answer/i);
    const students = await rows<{ n: number }>(
      `SELECT count(DISTINCT t.student_id)::int AS n FROM submissions s JOIN tasks t ON t.tenant_id = s.tenant_id AND t.id = s.task_id WHERE s.tenant_id = $1`,
    );
    expect(students[0].n).toBeGreaterThanOrEqual(5);
  });

  it('has every gradebook status, late work, an extension and homework due this week that some have not started', async () => {
    const cells = await rows<{ status: string; late: boolean; extended: boolean; excused_reason: string | null }>(
      `SELECT CASE WHEN t.status IN ('assigned', 'in_progress', 'revision_requested') AND t.due_at < now() THEN 'overdue'
                   WHEN t.status = 'assigned' THEN 'not_started' WHEN t.status = 'revision_requested' THEN 'needs_revision' ELSE t.status END AS status,
              COALESCE(t.first_submitted_at > t.due_at, false) AS late, t.extended_from IS NOT NULL AS extended, t.excused_reason
         FROM tasks t WHERE t.tenant_id = $1`,
    );
    const statuses = new Set(cells.map((c) => c.status));
    for (const status of ['not_started', 'in_progress', 'submitted', 'needs_revision', 'approved', 'overdue', 'excused']) expect(statuses).toContain(status);
    expect(cells.filter((c) => c.late).length).toBeGreaterThanOrEqual(1);
    expect(cells.filter((c) => c.status === 'excused').every((c) => (c.excused_reason ?? '').length > 10)).toBe(true);

    const [extended] = await rows<{ moved: boolean; reason: string; by: string; granted_in_past: boolean }>(
      `SELECT t.due_at > t.extended_from AS moved, t.extension_reason AS reason, u.email AS by, t.extended_at < now() AS granted_in_past
         FROM tasks t JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.extended_by WHERE t.tenant_id = $1 AND t.extended_from IS NOT NULL`,
    );
    expect(extended).toEqual({ moved: true, reason: expect.stringMatching(/\w{10}/), by: ADVISOR, granted_in_past: true });

    const dueSoon = await rows<{ not_started: number }>(
      `SELECT count(*) FILTER (WHERE t.status = 'assigned')::int AS not_started
         FROM assignments a JOIN tasks t ON t.tenant_id = a.tenant_id AND t.assignment_id = a.id
        WHERE a.tenant_id = $1 AND a.due_at > now() AND a.due_at < now() + interval '7 days' AND t.due_at < now() + interval '7 days'
        GROUP BY a.id`,
    );
    expect(dueSoon.length).toBe(1);
    expect(dueSoon[0].not_started).toBeGreaterThanOrEqual(2);
  });

  it('dates every due date at the end of a local day in the career center’s zone, and nothing happened in the future', async () => {
    const [check] = await rows<{ due_not_end_of_day: number; future: number }>(
      `SELECT (SELECT count(*) FROM tasks t WHERE t.tenant_id = $1
                 AND to_char(t.due_at AT TIME ZONE 'America/New_York', 'HH24:MI:SS') <> '23:59:59')::int
            + (SELECT count(*) FROM assignments a WHERE a.tenant_id = $1
                 AND to_char(a.due_at AT TIME ZONE 'America/New_York', 'HH24:MI:SS') <> '23:59:59')::int AS due_not_end_of_day,
              (SELECT count(*) FROM submissions s WHERE s.tenant_id = $1 AND s.submitted_at > now())::int
            + (SELECT count(*) FROM reviews r WHERE r.tenant_id = $1 AND r.created_at > now())::int
            + (SELECT count(*) FROM interactions i WHERE i.tenant_id = $1 AND i.occurred_at > now())::int AS future`,
    );
    expect(check).toEqual({ due_not_end_of_day: 0, future: 0 });
  });

  it('links the interactions that reflections recorded to their tasks, one per task, for the contact the reflection names', async () => {
    const links = await rows<{ same_contact: boolean; submitted: boolean }>(
      `SELECT s.contact_id = i.contact_id AS same_contact, t.first_submitted_at IS NOT NULL AS submitted
         FROM interactions i JOIN tasks t ON t.tenant_id = i.tenant_id AND t.id = i.task_id
         JOIN submissions s ON s.tenant_id = t.tenant_id AND s.task_id = t.id AND s.version = 1
        WHERE i.tenant_id = $1 AND i.from_homework`,
    );
    expect(links.length).toBeGreaterThanOrEqual(8);
    expect(links.every((l) => l.same_contact && l.submitted)).toBe(true);
    const [counts] = await rows<{ wrong: number }>(
      `SELECT count(*)::int AS wrong FROM contacts c
        WHERE c.tenant_id = $1 AND c.interaction_count <> (SELECT count(*) FROM interactions i WHERE i.tenant_id = c.tenant_id AND i.contact_id = c.id)`,
    );
    expect(counts.wrong).toBe(0);
  });
});
