import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { eventually, ownerClient } from '@fieldwork/server-core/testing';
import type { DataExportSummary } from '@fieldwork/contracts';
import { TenantFixture, TestApi } from './support/test-api';
import { PrivacyWorkerModule, readZip } from './support/privacy';
import { INTERVIEW_ANSWERS, cohortWithPeople } from './support/homework-fixture';

/** DATA_EXPORT_SCALE=10 makes it a bench: 5,000 tasks and 50,000 interactions. */
const SCALE = Number(process.env['DATA_EXPORT_SCALE'] ?? 1);
const TASKS = 500 * SCALE;
const CONTACTS = 100 * SCALE;
const INTERACTIONS = 5_000 * SCALE;

/**
 * Memory while a big student's ZIP is built: 500 tasks (each with two versions
 * of a reflection, both reviewed) and 5,000 interactions, streamed through
 * server-side cursors into archiver. Prints the peak RSS and the heap's growth
 * over the build (sampled every 5 ms) beside the data's uncompressed size.
 */
describe('download my data: memory for a student with 500 tasks and 5,000 interactions', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let owner: Client;
  let t: TenantFixture;
  let exportDir: string;

  beforeAll(async () => {
    exportDir = await mkdtemp(join(tmpdir(), 'fieldwork-my-data-memory-'));
    api = await TestApi.start({ EXPORT_DIR: exportDir, QUEUE_PREFIX: `mydata-mem-${randomBytes(4).toString('hex')}` });
    worker = await NestFactory.createApplicationContext(PrivacyWorkerModule, { logger: false });
    await worker.init();
    owner = await ownerClient(api.config);
    t = await api.tenantWithPeople();
    const cohort = await cohortWithPeople(api, t, 'Memory Cohort');
    const [tenantId, student, advisor] = [t.tenantId, t.student.userId, t.advisor.userId];
    await owner.query(
      `WITH a AS (
         INSERT INTO assignments (tenant_id, id, template_id, cohort_id, title, category, instructions, prompts, contact_required, evidence, rubric,
                                  estimated_minutes, opens_at, due_at, created_by)
         SELECT tp.tenant_id, gen_random_uuid(), tp.id, $2, tp.title || ' #' || n, tp.category, tp.instructions, tp.prompts, tp.contact_required, tp.evidence,
                tp.rubric, tp.estimated_minutes, now() - interval '30 days', now() + make_interval(days => n % 60), $4
           FROM templates tp, generate_series(1, $5::int) n WHERE tp.tenant_id = $1 AND tp.id = $3
         RETURNING id, due_at)
       INSERT INTO tasks (tenant_id, id, assignment_id, student_id, cohort_id, status, opens_at, due_at, first_submitted_at, submitted_at, approved_at)
       SELECT $1, gen_random_uuid(), a.id, $6, $2, 'approved', now() - interval '30 days', a.due_at, now() - interval '3 days', now() - interval '2 days', now() - interval '1 day' FROM a`,
      [tenantId, cohort.cohortId, cohort.template.id, advisor, TASKS, student],
    );
    await owner.query(
      `INSERT INTO contacts (tenant_id, id, owner_id, name, organization, notes)
       SELECT $1, gen_random_uuid(), $2, 'Contact ' || n, 'Org ' || n, 'Met at the spring fair; follow up about internships.' FROM generate_series(1, $3::int) n`,
      [tenantId, student, CONTACTS],
    );
    await owner.query(
      `INSERT INTO interactions (tenant_id, id, contact_id, owner_id, kind, occurred_at, notes)
       SELECT $1, gen_random_uuid(), c.id, $2, 'follow_up', now() - make_interval(mins => n), 'Sent a short note about the informational interview and the next steps.'
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS k FROM contacts WHERE tenant_id = $1 AND owner_id = $2) c
         JOIN generate_series(1, $3::int) n ON n % $4::int = c.k - 1`,
      [tenantId, student, INTERACTIONS, CONTACTS],
    );
    await owner.query(
      `INSERT INTO submissions (tenant_id, id, task_id, version, answers, contact_name, contact_organization, late, submitted_at)
       SELECT $1, gen_random_uuid(), t.id, v, $3::jsonb, 'Contact 1', 'Org 1', false, now() - make_interval(days => 4 - v)
         FROM tasks t, generate_series(1, 2) v WHERE t.tenant_id = $1 AND t.student_id = $2`,
      [tenantId, student, JSON.stringify(INTERVIEW_ANSWERS)],
    );
    await owner.query(
      `INSERT INTO reviews (tenant_id, id, task_id, submission_id, reviewer_id, decision, comment, rubric_scores, total_points, created_at)
       SELECT $1, gen_random_uuid(), s.task_id, s.id, $3, CASE WHEN s.version = 1 THEN 'revise' ELSE 'approve' END,
              'Good start; say more about what surprised you.', '{"depth": 3, "follow_up": 2}'::jsonb, 5, s.submitted_at + interval '1 hour'
         FROM submissions s JOIN tasks t ON t.tenant_id = s.tenant_id AND t.id = s.task_id WHERE t.tenant_id = $1 AND t.student_id = $2`,
      [tenantId, student, advisor],
    );
  }, 120_000);

  afterAll(async () => {
    try {
      await worker?.close();
      await api?.close();
    } finally {
      await owner?.end();
      await rm(exportDir, { recursive: true, force: true });
    }
  });

  it('keeps the heap flat while streaming the ZIP, and the ZIP holds every task and interaction', async () => {
    (global as { gc?: () => void }).gc?.();
    const before = process.memoryUsage();
    let peakHeap = before.heapUsed;
    let peakRss = before.rss;
    // With --expose-gc (the bench: node --expose-gc node_modules/.bin/jest …) each sample first collects garbage, so the peak is what is retained.
    const gc = (global as { gc?: () => void }).gc;
    const sampler = setInterval(() => {
      gc?.();
      const now = process.memoryUsage();
      peakHeap = Math.max(peakHeap, now.heapUsed);
      peakRss = Math.max(peakRss, now.rss);
    }, gc ? 1_000 : 5);
    const started = Date.now();
    const requested = await api.request('POST', '/me/data-export', { token: t.student.accessToken });
    expect(requested.status).toBe(202);
    const final = await eventually(async () => {
      const reply = await api.request<DataExportSummary>('GET', `/me/data-export/${requested.body.id}`, { token: t.student.accessToken });
      if (reply.body.status === 'failed') throw new Error(`failed: ${reply.body.error}`);
      return reply.body.status === 'done' ? reply.body : null;
    }, 60_000 * SCALE);
    const seconds = (Date.now() - started) / 1000;
    clearInterval(sampler);

    const zip = await readZip(await readFile(join(exportDir, t.tenantId, 'my-data', `${requested.body.id}.zip`)));
    const uncompressed = [...zip.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    const tasks = JSON.parse(zip.get('tasks.json') ?? '');
    const interactions = JSON.parse(zip.get('interactions.json') ?? '');
    expect(tasks).toHaveLength(TASKS);
    expect(tasks.every((task: { submissions: { review: unknown }[] }) => task.submissions.length === 2 && task.submissions.every((s) => s.review))).toBe(true);
    expect(interactions).toHaveLength(INTERACTIONS);
    expect((zip.get('tasks.csv') ?? '').trim().split('\n').length).toBeGreaterThanOrEqual(2 * TASKS + 1);

    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    const heapGrowth = peakHeap - before.heapUsed;
    console.log(
      `data export of ${TASKS} tasks (${2 * TASKS} versions, all reviewed), ${CONTACTS} contacts, ${INTERACTIONS} interactions: ` +
        `${seconds.toFixed(1)} s, ZIP ${mb(final.fileSize ?? 0)} (${mb(uncompressed)} uncompressed); ` +
        `heap ${mb(before.heapUsed)} → peak ${mb(peakHeap)} (+${mb(heapGrowth)}), RSS ${mb(before.rss)} → peak ${mb(peakRss)} (+${mb(peakRss - before.rss)})`,
    );
    // The API, the worker and this test share one process: the bound is loose, but a build that held the data would exceed it as the scale grows.
    expect(heapGrowth).toBeLessThan(64 * 1024 * 1024);
  }, 90_000 * SCALE);
});
