import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Client } from 'pg';
import { CURRICULUM } from '@fieldwork/server-core';
import { ownerClient } from '@fieldwork/server-core/testing';
import { TestApi } from './support/test-api';

/** The seed module of `npm run seed:large` (plain ESM under tools/, compiled by Jest's SWC transform). */
interface SeedResult {
  tenantId: string;
  replaced: boolean;
  counts: Record<string, number>;
  logins: { tenant: string; admin: string; advisor: string; student: string };
}
interface SeedModule {
  seedTenant(client: Client, options: Record<string, unknown>, onProgress?: (p: { phase: string; step: number; steps: number; rows: number }) => void): Promise<SeedResult>;
}

const PASSWORD = 'seed-large-test-password';
const SIZE = { students: 40, cohorts: 2, assignments: 3, cohortsPerBatch: 1 };

/** Rows of `sql` that break an invariant: the query must return none. */
async function violations(db: Client, sql: string, tenantId: string): Promise<unknown[]> {
  return (await db.query(sql, [tenantId])).rows;
}

describe('npm run seed:large (its core, at a tiny size, on real PostgreSQL)', () => {
  let api: TestApi;
  let owner: Client;
  let seed: SeedModule;
  let passwordHash: string;
  let result: SeedResult;
  const slug = `seed-${randomBytes(4).toString('hex')}`;
  const phases: string[] = [];

  beforeAll(async () => {
    api = await TestApi.start();
    owner = await ownerClient(api.config);
    // tools/ is no Nx project, so the module is loaded by path (Jest's SWC transform compiles it).
    seed = (await import(join(__dirname, '../../../tools/seed-large/seed.mjs'))) as SeedModule;
    passwordHash = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 });
    result = await seed.seedTenant(owner, { ...SIZE, slug, curriculum: CURRICULUM, passwordHash }, (p) => phases.push(p.phase));
  }, 120_000);

  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  it('builds the requested shape and reports its progress', () => {
    const contacts = Array.from({ length: SIZE.students }, (_, n) => 1 + ((n * 3) % 5)).reduce((a, b) => a + b, 0);
    expect(result.replaced).toBe(false);
    expect(result.counts).toMatchObject({
      users: 1 + 2 + SIZE.students, // an admin, an advisor per cohort, the students
      cohorts: SIZE.cohorts,
      cohort_members: 2 + SIZE.students,
      templates: CURRICULUM.length,
      assignments: SIZE.cohorts * SIZE.assignments,
      tasks: SIZE.students * SIZE.assignments,
      contacts,
    });
    expect(result.counts['submissions']).toBeGreaterThan(0);
    expect(result.counts['reviews']).toBeGreaterThan(0);
    expect(phases[0]).toBe('no previous tenant');
    expect(phases.at(-1)).toBe('VACUUM (ANALYZE)');
    expect(phases.filter((phase) => phase.endsWith(': tasks'))).toHaveLength(SIZE.cohorts); // one batch per cohort here
  });

  it('gives every cohort member a task per assignment of their cohort, and nothing else', async () => {
    expect(
      await violations(
        owner,
        `SELECT t.id FROM tasks t
          WHERE t.tenant_id = $1 AND NOT EXISTS (
            SELECT 1 FROM cohort_members m JOIN assignments a ON a.tenant_id = m.tenant_id AND a.cohort_id = m.cohort_id
             WHERE m.tenant_id = t.tenant_id AND m.user_id = t.student_id AND m.cohort_id = t.cohort_id AND m.role = 'student'
               AND a.id = t.assignment_id AND a.opens_at = t.opens_at AND a.due_at = t.due_at)`,
        result.tenantId,
      ),
    ).toEqual([]);
    const { rows } = await owner.query(
      `SELECT count(*)::int AS n FROM cohort_members m JOIN assignments a ON a.tenant_id = m.tenant_id AND a.cohort_id = m.cohort_id
        WHERE m.tenant_id = $1 AND m.role = 'student'`,
      [result.tenantId],
    );
    expect(rows[0].n).toBe(SIZE.students * SIZE.assignments);
  });

  it('keeps task statuses, times and submissions consistent with what the product writes', async () => {
    const checks = [
      // submissions exist exactly for submitted, approved and revision_requested work
      `SELECT t.id FROM tasks t WHERE t.tenant_id = $1
          AND (t.status IN ('submitted', 'approved', 'revision_requested')) <> EXISTS (SELECT 1 FROM submissions s WHERE s.tenant_id = t.tenant_id AND s.task_id = t.id)`,
      // versions 1..n, the first at first_submitted_at, the latest at submitted_at, late when after the due date
      `SELECT t.id FROM tasks t JOIN submissions s ON s.tenant_id = t.tenant_id AND s.task_id = t.id WHERE t.tenant_id = $1
        GROUP BY t.id, t.first_submitted_at, t.submitted_at
       HAVING min(s.version) <> 1 OR max(s.version) <> count(*) OR max(s.version) > 2
           OR min(s.submitted_at) <> t.first_submitted_at OR max(s.submitted_at) <> t.submitted_at`,
      `SELECT s.id FROM submissions s JOIN tasks t ON t.tenant_id = s.tenant_id AND t.id = s.task_id
        WHERE s.tenant_id = $1 AND (s.late <> (s.submitted_at > t.due_at) OR s.submitted_at < t.opens_at)`,
      // the latest version is the task's draft, as TasksService.submit leaves it
      `SELECT t.id FROM tasks t JOIN submissions s ON s.tenant_id = t.tenant_id AND s.task_id = t.id AND s.submitted_at = t.submitted_at
        WHERE t.tenant_id = $1 AND (s.answers <> t.draft OR s.contact_id IS DISTINCT FROM t.draft_contact_id OR s.evidence IS DISTINCT FROM t.draft_evidence)`,
      // nothing happens before the assignment opens or after now; events follow one another
      `SELECT id FROM tasks WHERE tenant_id = $1 AND (
         first_submitted_at < opens_at OR submitted_at < first_submitted_at OR approved_at < submitted_at
         OR greatest(first_submitted_at, submitted_at, approved_at, draft_saved_at, updated_at, created_at) > now()
         OR (status = 'approved') <> (approved_at IS NOT NULL)
         OR (status = 'excused') <> (excused_reason IS NOT NULL)
         OR (status IN ('assigned', 'excused') AND (draft <> '{}'::jsonb OR draft_saved_at IS NOT NULL))
         OR (status = 'in_progress' AND (draft = '{}'::jsonb OR draft_saved_at IS NULL)))`,
      // a linked contact is the student's own, already in their network, and required work links one
      `SELECT t.id FROM tasks t LEFT JOIN contacts c ON c.tenant_id = t.tenant_id AND c.id = t.draft_contact_id
         JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
        WHERE t.tenant_id = $1 AND ((c.id IS NOT NULL AND (c.owner_id <> t.student_id OR c.created_at > coalesce(t.first_submitted_at, t.draft_saved_at)))
           OR (a.contact_required AND t.first_submitted_at IS NOT NULL AND c.id IS NULL)
           OR ((a.evidence ->> 'required')::boolean AND t.first_submitted_at IS NOT NULL AND t.draft_evidence IS NULL))`,
      `SELECT s.id FROM submissions s LEFT JOIN contacts c ON c.tenant_id = s.tenant_id AND c.id = s.contact_id
        WHERE s.tenant_id = $1 AND (s.contact_name IS DISTINCT FROM c.name OR s.contact_organization IS DISTINCT FROM c.organization)`,
    ];
    for (const sql of checks) expect(await violations(owner, sql, result.tenantId)).toEqual([]);
    const { rows } = await owner.query(`SELECT status, count(*)::int AS n FROM tasks WHERE tenant_id = $1 GROUP BY status`, [result.tenantId]);
    const byStatus = Object.fromEntries(rows.map((row) => [row.status, row.n]));
    expect(byStatus['approved']).toBeGreaterThan(0);
    expect((byStatus['approved'] ?? 0) + (byStatus['submitted'] ?? 0)).toBeGreaterThan(SIZE.students * SIZE.assignments * 0.25);
  });

  it('reviews as ReviewsService does: by the cohort’s advisor, approve on approved work, revise before a resubmission', async () => {
    const checks = [
      // every approved task's latest version has an approval at approved_at, scored on every rubric criterion
      `SELECT t.id FROM tasks t JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
        WHERE t.tenant_id = $1 AND t.status = 'approved' AND NOT EXISTS (
          SELECT 1 FROM submissions s JOIN reviews r ON r.tenant_id = s.tenant_id AND r.submission_id = s.id
           WHERE s.tenant_id = t.tenant_id AND s.task_id = t.id AND s.submitted_at = t.submitted_at
             AND r.decision = 'approve' AND r.created_at = t.approved_at
             AND (a.rubric IS NULL OR (SELECT count(*) FROM jsonb_object_keys(r.rubric_scores)) = jsonb_array_length(a.rubric)))`,
      // revision requested: the latest (only) version has a revise review with a comment
      `SELECT t.id FROM tasks t WHERE t.tenant_id = $1 AND t.status = 'revision_requested' AND NOT EXISTS (
          SELECT 1 FROM submissions s JOIN reviews r ON r.tenant_id = s.tenant_id AND r.submission_id = s.id
           WHERE s.task_id = t.id AND s.tenant_id = t.tenant_id AND r.decision = 'revise' AND r.comment IS NOT NULL)`,
      // waiting for review: the latest version has none; any earlier version was sent back
      `SELECT s.id FROM submissions s JOIN tasks t ON t.tenant_id = s.tenant_id AND t.id = s.task_id
         LEFT JOIN reviews r ON r.tenant_id = s.tenant_id AND r.submission_id = s.id
        WHERE s.tenant_id = $1 AND ((t.status = 'submitted' AND s.submitted_at = t.submitted_at AND r.id IS NOT NULL)
           OR (s.submitted_at < t.submitted_at AND (r.decision IS DISTINCT FROM 'revise' OR r.created_at NOT BETWEEN s.submitted_at AND t.submitted_at)))`,
      // the reviewer advises the task's cohort, and the points add up
      `SELECT r.id FROM reviews r JOIN tasks t ON t.tenant_id = r.tenant_id AND t.id = r.task_id
        WHERE r.tenant_id = $1 AND (NOT EXISTS (SELECT 1 FROM cohort_members m WHERE m.tenant_id = r.tenant_id AND m.cohort_id = t.cohort_id
                                                  AND m.user_id = r.reviewer_id AND m.role = 'advisor')
           OR r.total_points IS DISTINCT FROM (SELECT sum(value::int) FROM jsonb_each_text(r.rubric_scores)))`,
    ];
    for (const sql of checks) expect(await violations(owner, sql, result.tenantId)).toEqual([]);
  });

  it('keeps each contact’s interaction count, last interaction and next follow-up true to its timeline', async () => {
    expect(
      await violations(
        owner,
        `SELECT c.id FROM contacts c LEFT JOIN LATERAL (
           SELECT count(*)::int AS n, max(occurred_at) AS last, min(occurred_at) AS first, bool_and(i.owner_id = c.owner_id) AS owned
             FROM interactions i WHERE i.tenant_id = c.tenant_id AND i.contact_id = c.id) i ON true
          WHERE c.tenant_id = $1 AND (c.interaction_count <> i.n OR c.last_interaction_at IS DISTINCT FROM i.last OR i.first < c.created_at
             OR NOT coalesce(i.owned, true) OR i.last > now()
             OR c.next_follow_up_at IS DISTINCT FROM coalesce(c.last_interaction_at, c.created_at) + make_interval(days => c.follow_up_every_days))`,
        result.tenantId,
      ),
    ).toEqual([]);
    const { rows } = await owner.query(
      `SELECT avg(interaction_count)::float AS per_contact, avg(shared_with_advisors::int)::float AS shared FROM contacts WHERE tenant_id = $1`,
      [result.tenantId],
    );
    expect(rows[0].per_contact).toBeGreaterThan(1.5);
    expect(rows[0].per_contact).toBeLessThan(2.5);
    expect(rows[0].shared).toBeGreaterThan(0);
  });

  it('lets the seeded people sign in and work through the API (as the app role, under RLS)', async () => {
    const admin = await api.login(slug, result.logins.admin, PASSWORD);
    const advisor = await api.login(slug, result.logins.advisor, PASSWORD);
    const cohorts = await api.request('GET', '/cohorts', { token: advisor.accessToken });
    expect(cohorts.status).toBe(200);
    expect(cohorts.body.items).toHaveLength(1); // advisor001 advises the first cohort only
    const all = await api.request('GET', '/cohorts', { token: admin.accessToken });
    expect(all.body.items).toHaveLength(SIZE.cohorts);

    const queue = await api.request('GET', '/reviews/queue?limit=200', { token: advisor.accessToken });
    const { rows } = await owner.query(
      `SELECT count(*)::int AS n FROM tasks WHERE tenant_id = $1 AND status = 'submitted' AND cohort_id = $2`,
      [result.tenantId, cohorts.body.items[0].id],
    );
    expect(queue.status).toBe(200);
    expect(queue.body.items).toHaveLength(rows[0].n);

    // A student resubmits work sent back for revision with the seeded answers: the product's own validation accepts them.
    // (When no seeded task of this cohort awaits a revision, the advisor first sends a submitted one back, through the API.)
    const [task] = (
      await owner.query(
        `SELECT t.id, t.status, u.email FROM tasks t JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.student_id
          WHERE t.tenant_id = $1 AND t.cohort_id = $2 AND t.status IN ('revision_requested', 'submitted')
          ORDER BY t.status = 'revision_requested' DESC, t.id LIMIT 1`,
        [result.tenantId, cohorts.body.items[0].id],
      )
    ).rows;
    expect(task).toBeDefined();
    if (task.status === 'submitted') {
      const sentBack = await api.request('POST', `/tasks/${task.id}/reviews`, { token: advisor.accessToken, body: { decision: 'revise', comment: 'Add your next steps.' } });
      expect(sentBack.status).toBe(201);
    }
    const student = await api.login(slug, task.email, PASSWORD);
    const history = await api.request('GET', `/tasks/${task.id}/submissions`, { token: student.accessToken });
    expect(history.status).toBe(200);
    const latest = history.body[0];
    const resubmitted = await api.request('POST', `/tasks/${task.id}/submissions`, {
      token: student.accessToken,
      body: { answers: latest.answers, contactId: latest.contact?.id ?? undefined, evidence: latest.evidence ?? undefined },
    });
    expect(resubmitted.status).toBe(201);
    expect(resubmitted.body.version).toBe(latest.version + 1);
  });

  it('replaces the career center when run again with the same slug', async () => {
    const again = await seed.seedTenant(owner, { ...SIZE, slug, curriculum: CURRICULUM, passwordHash });
    expect(again.replaced).toBe(true);
    expect(again.tenantId).not.toBe(result.tenantId);
    expect(again.counts['tasks']).toBe(result.counts['tasks']);
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM tenants WHERE slug = $1 OR id = $2`, [slug, result.tenantId]);
    expect(rows[0].n).toBe(1);
    for (const table of ['users', 'tasks', 'submissions', 'contacts', 'interactions']) {
      const left = await owner.query(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [result.tenantId]);
      expect(left.rows[0].n).toBe(0);
    }
  });
});
