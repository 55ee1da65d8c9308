import { RetentionJobs, RetentionRunner, countDue, RETENTION_SCHEDULE } from '@fieldwork/server-privacy';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { QueueService, TenantDatabase } from '@fieldwork/server-core';
import { ownerClient, prepareTestDatabase, useTestEnvironment } from '@fieldwork/server-core/testing';
import { RETENTION_COUNT_KEYS, type RetentionCounts } from '@fieldwork/contracts';
// Deep imports: the library's index exports only its Nest modules (see the report: an index export would be cleaner).
import { WorkerModule } from '../src/app/worker.module';

/**
 * Retention across a time-travel: a career center in New York whose cohorts ended on different
 * days, with students in one, several, an open-ended or no cohort, one already erased, one active
 * after their cohort ended. The run is applied at chosen times; before each, reference SQL (written
 * independently of the rules' SQL) says which rows are past their date; the preview must count
 * exactly those, and the run must remove exactly those — every other row untouched.
 */

const TZ = 'America/New_York';
// reflectionsMonths 12, accountsMonths 24, auditMonths 36
const POLICY = { reflections: 12, accounts: 24, audit: 36 };

interface Snapshot {
  contentful: Set<string>; // submissions whose answers are not blank
  contacts: Set<string>;
  interactions: Set<string>;
  audit: Set<string>;
  live: Set<string>; // students not erased
  drafts: Set<string>; // tasks with a draft
  comments: Set<string>; // reviews with a comment
}

interface Reference {
  accounts: Set<string>;
  reflections: Set<string>;
  contacts: Set<string>;
  interactions: Set<string>;
  audit: Set<string>;
  /** What erasing the due accounts takes with it. */
  accountSubmissions: Set<string>;
  accountContacts: Set<string>;
  accountInteractions: Set<string>;
}

const ids = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
const sorted = (set: Set<string>) => [...set].sort();
const minus = (a: Set<string>, b: Set<string>) => new Set([...a].filter((x) => !b.has(x)));
const union = (...sets: Set<string>[]) => new Set(sets.flatMap((s) => [...s]));

describe('retention: the daily run across a time-travel', () => {
  let worker: INestApplicationContext;
  let owner: Client;
  let runner: RetentionRunner;
  let tenantDb: TenantDatabase;
  const tenantId = randomUUID();
  const people: Record<string, string> = {};
  const cohorts: Record<string, string> = {};

  async function sql<T = { id: string }>(text: string, params: unknown[] = []): Promise<T[]> {
    return (await owner.query(text, params)).rows as T[];
  }

  /** Reference: the rules in plain, separate SQL (NOT EXISTS style), as of `at`. */
  async function reference(at: string): Promise<Reference> {
    const today = `($2::timestamptz AT TIME ZONE '${TZ}')::date`;
    // A student's last cohort end, only when every cohort of theirs has an end date.
    const lastEnd = (user: string) => `(SELECT max(c.ends_on) FROM cohort_members m JOIN cohorts c ON c.tenant_id = m.tenant_id AND c.id = m.cohort_id
        WHERE m.tenant_id = $1 AND m.user_id = ${user} AND m.role = 'student'
          AND NOT EXISTS (SELECT 1 FROM cohort_members m2 JOIN cohorts c2 ON c2.tenant_id = m2.tenant_id AND c2.id = m2.cohort_id
                           WHERE m2.tenant_id = $1 AND m2.user_id = ${user} AND m2.role = 'student' AND c2.ends_on IS NULL))`;
    const after = (day: string, months: number) => `${day} + interval '${months} months' <= ${today}`;
    const endOfDay = (day: string) => `((${day} + 1)::timestamp AT TIME ZONE '${TZ}')`;
    const accounts = ids(
      await sql(
        `SELECT u.id FROM users u
          WHERE u.tenant_id = $1 AND u.role = 'student' AND u.erased_at IS NULL
            AND ${after(lastEnd('u.id'), POLICY.accounts)}
            AND u.created_at < ${endOfDay(lastEnd('u.id'))}
            AND NOT EXISTS (SELECT 1 FROM cohort_members m WHERE m.tenant_id = $1 AND m.user_id = u.id AND m.joined_at >= ${endOfDay(lastEnd('u.id'))})
            AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.tenant_id = $1 AND t.student_id = u.id
                             AND (t.draft_saved_at >= ${endOfDay(lastEnd('u.id'))} OR t.submitted_at >= ${endOfDay(lastEnd('u.id'))}))
            AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.tenant_id = $1 AND c.owner_id = u.id AND c.created_at >= ${endOfDay(lastEnd('u.id'))})
            AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.tenant_id = $1 AND i.owner_id = u.id AND i.created_at >= ${endOfDay(lastEnd('u.id'))})
            AND NOT EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.tenant_id = $1 AND r.user_id = u.id AND r.created_at >= ${endOfDay(lastEnd('u.id'))})`,
        [tenantId, at],
      ),
    );
    const kept = `u.erased_at IS NULL AND NOT (u.id = ANY($3::uuid[]))`;
    const reflections = ids(
      await sql(
        `SELECT s.id FROM submissions s JOIN tasks t ON t.tenant_id = s.tenant_id AND t.id = s.task_id
           JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.student_id
          WHERE s.tenant_id = $1 AND s.redacted_at IS NULL AND ${kept}
            AND ((t.cohort_id IS NOT NULL AND ${after(`(SELECT ends_on FROM cohorts WHERE tenant_id = $1 AND id = t.cohort_id)`, POLICY.reflections)})
              OR (t.cohort_id IS NULL AND ${after(lastEnd('t.student_id'), POLICY.reflections)}))`,
        [tenantId, at, sorted(accounts)],
      ),
    );
    const contacts = ids(
      await sql(
        `SELECT ct.id FROM contacts ct JOIN users u ON u.tenant_id = ct.tenant_id AND u.id = ct.owner_id
          WHERE ct.tenant_id = $1 AND ${kept} AND ${after(lastEnd('ct.owner_id'), POLICY.reflections)}`,
        [tenantId, at, sorted(accounts)],
      ),
    );
    const interactions = ids(await sql(`SELECT id FROM interactions WHERE tenant_id = $1 AND contact_id = ANY($2::uuid[])`, [tenantId, sorted(contacts)]));
    const audit = ids(
      await sql(`SELECT id FROM audit_events WHERE tenant_id = $1 AND occurred_at < $2::timestamptz - interval '${POLICY.audit} months'`, [tenantId, at]),
    );
    const accountSubmissions = ids(
      await sql(`SELECT s.id FROM submissions s JOIN tasks t ON t.tenant_id = s.tenant_id AND t.id = s.task_id WHERE s.tenant_id = $1 AND t.student_id = ANY($2::uuid[])`, [
        tenantId,
        sorted(accounts),
      ]),
    );
    const accountContacts = ids(await sql(`SELECT id FROM contacts WHERE tenant_id = $1 AND owner_id = ANY($2::uuid[])`, [tenantId, sorted(accounts)]));
    const accountInteractions = ids(await sql(`SELECT id FROM interactions WHERE tenant_id = $1 AND owner_id = ANY($2::uuid[])`, [tenantId, sorted(accounts)]));
    return { accounts, reflections, contacts, interactions, audit, accountSubmissions, accountContacts, accountInteractions };
  }

  async function snapshot(): Promise<Snapshot> {
    return {
      contentful: ids(await sql(`SELECT id FROM submissions WHERE tenant_id = $1 AND answers <> '{}'::jsonb`, [tenantId])),
      contacts: ids(await sql(`SELECT id FROM contacts WHERE tenant_id = $1`, [tenantId])),
      interactions: ids(await sql(`SELECT id FROM interactions WHERE tenant_id = $1`, [tenantId])),
      audit: ids(await sql(`SELECT id FROM audit_events WHERE tenant_id = $1`, [tenantId])),
      live: ids(await sql(`SELECT id FROM users WHERE tenant_id = $1 AND role = 'student' AND erased_at IS NULL`, [tenantId])),
      drafts: ids(await sql(`SELECT id FROM tasks WHERE tenant_id = $1 AND draft <> '{}'::jsonb`, [tenantId])),
      comments: ids(await sql(`SELECT id FROM reviews WHERE tenant_id = $1 AND comment IS NOT NULL`, [tenantId])),
    };
  }

  const countsOf = (ref: Reference): RetentionCounts => ({
    accounts: ref.accounts.size,
    reflections: ref.reflections.size,
    contacts: ref.contacts.size,
    interactions: ref.interactions.size,
    auditEvents: ref.audit.size,
  });

  /** Preview, run, and compare the run's effect with the reference, row by row. */
  async function runAndCheck(at: string, options: Parameters<RetentionRunner['apply']>[2] = {}): Promise<{ ref: Reference; counts: RetentionCounts }> {
    const ref = await reference(at);
    const preview = await tenantDb.transaction(tenantId, (db) => countDue(db, tenantId, new Date(at)));
    expect(preview).toEqual(countsOf(ref));
    const before = await snapshot();
    const auditRunsBefore = await sql(`SELECT id FROM audit_events WHERE tenant_id = $1 AND action = 'retention.applied'`, [tenantId]);
    const result = await runner.apply(tenantId, new Date(at), options);
    expect(result.applied).toBe(true);
    expect(result.counts).toEqual(countsOf(ref));
    const after = await snapshot();
    // Exactly the rows past their date are gone (or blanked), with what erasing the due accounts takes.
    expect(sorted(minus(before.live, after.live))).toEqual(sorted(ref.accounts));
    expect(sorted(minus(before.contentful, after.contentful))).toEqual(sorted(union(ref.reflections, minus(ref.accountSubmissions, minus(ref.accountSubmissions, before.contentful)))));
    expect(sorted(minus(before.contacts, after.contacts))).toEqual(sorted(union(ref.contacts, ref.accountContacts)));
    expect(sorted(minus(before.interactions, after.interactions))).toEqual(sorted(union(ref.interactions, ref.accountInteractions)));
    expect(sorted(minus(before.audit, after.audit))).toEqual(sorted(ref.audit));
    // Nothing appeared.
    expect(minus(after.contacts, before.contacts).size + minus(after.interactions, before.interactions).size + minus(after.contentful, before.contentful).size).toBe(0);
    // One audit event per run, with the counts.
    const events = await sql<{ id: string; details: Record<string, unknown> }>(
      `SELECT id, details FROM audit_events WHERE tenant_id = $1 AND action = 'retention.applied' AND NOT (id = ANY($2::uuid[]))`,
      [tenantId, auditRunsBefore.map((r) => r.id)],
    );
    expect(events).toHaveLength(1);
    expect(events[0].details).toEqual({ at: new Date(at).toISOString(), ...countsOf(ref) });
    // The dashboards' roll-ups still agree with the base tables (blanking keeps every row they count).
    const [rollup] = await sql<{ contacts: number; interactions: number; submissions: number; approvals: number }>(
      `SELECT n.contacts, n.conversations + n.introductions AS interactions,
              (SELECT COALESCE(sum(w.submissions), 0)::int FROM dash_weekly w WHERE w.tenant_id = $1 AND w.scope_id = $2) AS submissions,
              (SELECT COALESCE(sum(w.approvals), 0)::int FROM dash_weekly w WHERE w.tenant_id = $1 AND w.scope_id = $2) AS approvals
         FROM dash_network n WHERE n.tenant_id = $1 AND n.scope_id = $2`,
      [tenantId, '00000000-0000-0000-0000-000000000000'],
    );
    const [base] = await sql<{ contacts: number; interactions: number; submissions: number; approvals: number }>(
      `SELECT (SELECT count(*) FROM contacts WHERE tenant_id = $1)::int AS contacts, (SELECT count(*) FROM interactions WHERE tenant_id = $1)::int AS interactions,
              (SELECT count(*) FROM submissions WHERE tenant_id = $1)::int AS submissions,
              (SELECT count(*) FROM reviews WHERE tenant_id = $1 AND decision = 'approve')::int AS approvals`,
      [tenantId],
    );
    expect(rollup).toEqual(base);
    return { ref, counts: result.counts };
  }

  beforeAll(async () => {
    const config = useTestEnvironment({ REDIS_URL: process.env['REDIS_URL'] ?? '', QUEUE_PREFIX: `retention-${randomUUID().slice(0, 8)}` });
    await prepareTestDatabase(config);
    owner = await ownerClient(config);
    await owner.query(
      `INSERT INTO tenants (id, slug, name, timezone, retention_reflections_months, retention_accounts_months, retention_audit_months)
       VALUES ($1, $2, 'Time Travel U', $3, $4, $5, $6)`,
      [tenantId, `tt-${tenantId.slice(0, 8)}`, TZ, POLICY.reflections, POLICY.accounts, POLICY.audit],
    );
    const old = '2019-01-02T15:00:00Z';
    const cohortEnds: Record<string, string | null> = { A: '2020-01-15', B: '2022-06-30', C: null, D: '2024-01-31' };
    for (const [name, ends] of Object.entries(cohortEnds)) {
      cohorts[name] = randomUUID();
      await owner.query(`INSERT INTO cohorts (tenant_id, id, name, starts_on, ends_on) VALUES ($1, $2, $3, '2019-01-01', $4)`, [tenantId, cohorts[name], `Cohort ${name}`, ends]);
    }
    const advisor = randomUUID();
    await owner.query(`INSERT INTO users (tenant_id, id, email, name, role, created_at) VALUES ($1, $2, 'adv@tt.test', 'Ada Advisor', 'advisor', $3)`, [tenantId, advisor, old]);
    const template = randomUUID();
    await owner.query(
      `INSERT INTO templates (tenant_id, id, title, category, instructions, prompts, contact_required, evidence, estimated_minutes)
       VALUES ($1, $2, 'Interview', 'gathering_information', 'x', '[]', false, '{"kind":"none","required":false}', 30)`,
      [tenantId, template],
    );
    // students: their cohorts
    const membership: Record<string, string[]> = {
      onlyA: ['A'],
      aThenB: ['A', 'B'],
      aAndOpen: ['A', 'C'],
      activeAfterA: ['A'],
      onlyD: ['D'],
      noCohort: [],
      erased: ['A'],
    };
    const assignments: Record<string, string> = {};
    for (const name of [...Object.keys(cohortEnds), 'none']) {
      assignments[name] = randomUUID();
      await owner.query(
        `INSERT INTO assignments (tenant_id, id, template_id, cohort_id, title, category, instructions, prompts, contact_required, evidence, estimated_minutes, opens_at, due_at, created_by)
         VALUES ($1, $2, $3, $4, 'Interview', 'gathering_information', 'x', '[]', false, '{"kind":"none","required":false}', 30, $5, $6, $7)`,
        [tenantId, assignments[name], template, name === 'none' ? null : cohorts[name], old, '2019-03-01T04:59:59Z', advisor],
      );
    }
    for (const [student, names] of Object.entries(membership)) {
      const id = randomUUID();
      people[student] = id;
      await owner.query(`INSERT INTO users (tenant_id, id, email, name, role, created_at) VALUES ($1, $2, $3, $4, 'student', $5)`, [
        tenantId,
        id,
        `${student.toLowerCase()}@tt.test`,
        `Student ${student}`,
        old,
      ]);
      // Work in each cohort, and work outside any cohort: a submitted version, a review with a comment; a draft on the next.
      for (const cohort of [...names, 'none']) {
        if (cohort !== 'none') {
          await owner.query(`INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role, joined_at) VALUES ($1, $2, $3, 'student', $4)`, [tenantId, cohorts[cohort], id, old]);
        }
        const task = randomUUID();
        await owner.query(
          `INSERT INTO tasks (tenant_id, id, assignment_id, student_id, cohort_id, status, opens_at, due_at, first_submitted_at, submitted_at, draft, draft_saved_at)
           VALUES ($1, $2, $3, $4, $5, 'submitted', $6, '2019-03-01T04:59:59Z', '2019-02-01T15:00:00Z', '2019-02-01T15:00:00Z', '{"q":"draft words"}', '2019-01-20T15:00:00Z')`,
          [tenantId, task, assignments[cohort], id, cohort === 'none' ? null : cohorts[cohort], old],
        );
        const submission = randomUUID();
        await owner.query(
          `INSERT INTO submissions (tenant_id, id, task_id, version, answers, contact_name, late, submitted_at)
           VALUES ($1, $2, $3, 1, '{"q":"what I learned"}', 'Pat Person', false, '2019-02-01T15:00:00Z')`,
          [tenantId, submission, task],
        );
        await owner.query(
          `INSERT INTO reviews (tenant_id, id, task_id, submission_id, reviewer_id, decision, comment, created_at)
           VALUES ($1, gen_random_uuid(), $2, $3, $4, 'revise', 'Say more', '2019-02-02T15:00:00Z')`,
          [tenantId, task, submission, advisor],
        );
      }
      // Two contacts, two interactions each.
      for (let n = 0; n < 2; n++) {
        const contact = randomUUID();
        await owner.query(`INSERT INTO contacts (tenant_id, id, owner_id, name, sector, created_at) VALUES ($1, $2, $3, $4, 'Tech', $5)`, [
          tenantId,
          contact,
          id,
          `Contact ${n}`,
          old,
        ]);
        await owner.query(
          `INSERT INTO interactions (tenant_id, id, contact_id, owner_id, kind, occurred_at, created_at)
           SELECT $1, gen_random_uuid(), $2, $3, k, $4, $4 FROM unnest(ARRAY['informational_interview', 'introduction']) k`,
          [tenantId, contact, id, old],
        );
      }
    }
    await owner.query(`UPDATE users SET erased_at = '2019-06-01T00:00:00Z' WHERE tenant_id = $1 AND id = $2`, [tenantId, people['erased']]);
    // Signed in after cohort A ended: active.
    await owner.query(
      `INSERT INTO refresh_tokens (tenant_id, id, user_id, family_id, token_hash, expires_at, created_at)
       VALUES ($1, gen_random_uuid(), $2, gen_random_uuid(), decode(md5(random()::text), 'hex'), '2030-01-01T00:00:00Z', '2021-06-01T12:00:00Z')`,
      [tenantId, people['activeAfterA']],
    );
    for (const when of ['2017-05-01T12:00:00Z', '2019-01-10T12:00:00Z', '2020-06-01T12:00:00Z', '2023-01-01T12:00:00Z']) {
      await owner.query(`INSERT INTO audit_events (tenant_id, id, occurred_at, actor_id, action) VALUES ($1, gen_random_uuid(), $2, $3, 'auth.sign_in')`, [tenantId, when, advisor]);
    }

    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await worker.init();
    runner = worker.get(RetentionRunner);
    tenantDb = worker.get(TenantDatabase);
  }, 120_000);

  afterAll(async () => {
    try {
      await worker?.close();
      await owner?.query(`DELETE FROM tenants WHERE id = $1`, [tenantId]);
    } finally {
      await owner?.end();
    }
  });

  it('2021-01-20: cohort A’s reflections (and work outside a cohort of A-only students), the contacts of students whose last cohort was A; audit before 2018-01-20', async () => {
    const { ref } = await runAndCheck('2021-01-20T17:00:00Z');
    // Spot checks of the reference itself: the rules mean what they say.
    expect(ref.accounts.size).toBe(0);
    expect(ref.reflections.size).toBe(4 + 2); // A tasks of onlyA, aThenB, aAndOpen, activeAfterA + no-cohort work of onlyA, activeAfterA
    expect(ref.contacts.size).toBe(4); // onlyA's and activeAfterA's (their last cohort was A); not aThenB's nor aAndOpen's
    expect(ref.interactions.size).toBe(8);
    expect(ref.audit.size).toBe(1);
    // Blanked, not deleted: the task rows, their statuses and the reviews stay; the review's comment and the draft go.
    const blanked = await sql<{ answers: object; contact_name: string | null; redacted_at: Date | null; comment: string | null; draft: object }>(
      `SELECT s.answers, s.contact_name, s.redacted_at, r.comment, t.draft FROM submissions s
         JOIN reviews r ON r.tenant_id = s.tenant_id AND r.submission_id = s.id JOIN tasks t ON t.tenant_id = s.tenant_id AND t.id = s.task_id
        WHERE s.tenant_id = $1 AND s.id = ANY($2::uuid[])`,
      [tenantId, sorted(ref.reflections)],
    );
    expect(blanked).toHaveLength(6);
    for (const row of blanked) expect(row).toEqual({ answers: {}, contact_name: null, redacted_at: new Date('2021-01-20T17:00:00Z'), comment: null, draft: {} });
    // The erased student's work was never counted again.
    const erasedWork = await sql(`SELECT s.id FROM submissions s JOIN tasks t ON t.tenant_id = s.tenant_id AND t.id = s.task_id WHERE s.tenant_id = $1 AND t.student_id = $2 AND s.redacted_at IS NOT NULL`, [tenantId, people['erased']]);
    expect(erasedWork).toHaveLength(0);
  });

  it('running the same time again does nothing and writes no second audit event', async () => {
    const again = await runner.apply(tenantId, new Date('2021-01-20T17:00:00Z'));
    expect(again.applied).toBe(false);
    const events = await sql(`SELECT id FROM audit_events WHERE tenant_id = $1 AND action = 'retention.applied'`, [tenantId]);
    expect(events).toHaveLength(1);
  });

  it('2022-03-01: the inactive A-only student is erased (24 months); the one who signed in afterwards is kept', async () => {
    const { ref } = await runAndCheck('2022-03-01T17:00:00Z');
    expect(sorted(ref.accounts)).toEqual([people['onlyA']]);
    const [kept] = await sql<{ erased_at: Date | null }>(`SELECT erased_at FROM users WHERE tenant_id = $1 AND id = $2`, [tenantId, people['activeAfterA']]);
    expect(kept.erased_at).toBeNull();
  });

  it('cohort B’s end is a day in New York: 2023-06-30 03:00 UTC is still the 29th there (nothing of B), noon the 30th is due', async () => {
    const early = await runAndCheck('2023-06-30T03:00:00Z');
    expect(early.ref.reflections.size).toBe(0);
    expect(early.ref.contacts.size).toBe(0);
    const due = await runAndCheck('2023-06-30T16:00:00Z');
    expect(due.ref.reflections.size).toBe(2); // aThenB's B task, and their work outside a cohort (it follows their last cohort, B)
    expect(due.ref.contacts.size).toBe(2); // aThenB's contacts, after their last cohort
  });

  it('resumes after a crash between batches (batches of one row) and never counts a row twice', async () => {
    const at = '2025-06-01T17:00:00Z';
    const ref = await reference(at);
    // aThenB's account (24 months after B); onlyD's reflections, contacts and interactions (12 months after D).
    expect(countsOf(ref)).toEqual({ accounts: 1, reflections: 2, contacts: 2, interactions: 4, auditEvents: 0 });
    let batches = 0;
    await expect(
      runner.apply(tenantId, new Date(at), {
        batchRows: 1,
        batchAccounts: 1,
        afterBatch: () => {
          batches++;
          if (batches === 4) throw new Error('worker killed');
        },
      }),
    ).rejects.toThrow('worker killed');
    const [partial] = await sql<{ phase: string }>(`SELECT phase FROM retention_runs WHERE tenant_id = $1 AND at = $2`, [tenantId, at]);
    expect(partial.phase).not.toBe('done');
    expect(await sql(`SELECT id FROM audit_events WHERE tenant_id = $1 AND action = 'retention.applied' AND details->>'at' = $2`, [tenantId, new Date(at).toISOString()])).toHaveLength(0);
    // The retry (same job, same `at`) finishes, with the counts of the whole run.
    const resumed = await runner.apply(tenantId, new Date(at), { batchRows: 2, batchAccounts: 1 });
    expect(resumed.applied).toBe(true);
    expect(resumed.counts).toEqual(countsOf(ref));
    const events = await sql<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_events WHERE tenant_id = $1 AND action = 'retention.applied' AND details->>'at' = $2`,
      [tenantId, new Date(at).toISOString()],
    );
    expect(events).toHaveLength(1);
    expect(events[0].details).toEqual({ at: new Date(at).toISOString(), ...countsOf(ref) });
    // Nothing due is left as of that time.
    const left = await tenantDb.transaction(tenantId, (db) => countDue(db, tenantId, new Date(at)));
    for (const key of RETENTION_COUNT_KEYS) expect(left[key]).toBe(0);
  });

  it('never touches the student in no cohort, nor the one in an open-ended cohort’s account and contacts', async () => {
    const ref = await reference('2040-01-01T12:00:00Z');
    expect(ref.accounts.has(people['noCohort'])).toBe(false);
    expect(ref.accounts.has(people['aAndOpen'])).toBe(false);
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM contacts WHERE tenant_id = $1 AND owner_id = ANY($2::uuid[])`, [
      tenantId,
      [people['noCohort'], people['aAndOpen']],
    ]);
    expect(n).toBe(4);
    await runAndCheck('2040-01-01T12:00:00Z');
  });

  it('the daily scheduler is registered; a scan adds one apply-retention per tenant with a job id of tenant and day', async () => {
    const queues = worker.get(QueueService);
    const schedulers = await queues.queue('retention').getJobSchedulers();
    expect(schedulers.map((s) => s.key ?? s.id)).toContain(RETENTION_SCHEDULE.id);
    const jobs = worker.get(RetentionJobs);
    // Paused, so the fan-out's jobs for every other tenant of the test database are only looked at, never run.
    const queue = queues.queue('retention');
    await queue.pause();
    try {
      const timestamp = Date.parse('2041-05-06T02:15:07Z');
      await jobs.scanTenants({ timestamp });
      await jobs.scanTenants({ timestamp });
      // A paused queue keeps its jobs in the waiting list.
      const mine = (await queue.getJobs(['waiting', 'prioritized'])).filter((j) => (j.data as { tenantId?: string } | undefined)?.tenantId === tenantId);
      expect(mine.map((j) => j.id)).toEqual([`retention-${tenantId}-20410506`]);
      expect(mine[0].data).toEqual({ tenantId, at: '2041-05-06T02:15:00.000Z' });
      const result = await jobs.applyRetention(mine[0].data as { tenantId: string; at: string });
      expect(result.applied).toBe(true);
      const runs = await sql<{ phase: string }>(`SELECT phase FROM retention_runs WHERE tenant_id = $1 AND at = '2041-05-06T02:15:00Z'`, [tenantId]);
      expect(runs).toEqual([{ phase: 'done' }]);
    } finally {
      await queue.drain(true);
      await queue.resume();
    }
  });
});
