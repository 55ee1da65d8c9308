import fc from 'fast-check';
import type { Client } from 'pg';
import { ownerClient } from '@fieldwork/server-core/testing';
import type { Dashboard, InteractionKind } from '@fieldwork/contracts';
import { Session, TenantFixture, TestApi } from './support/test-api';
import { addMembers, inDays } from './support/homework-fixture';
import { comparable, referenceDashboard } from './support/dashboard-reference';

const SECTORS = [null, '', 'Government', 'Nonprofit', ' Tech ', 'tech'];
const KINDS: InteractionKind[] = ['informational_interview', 'thank_you', 'shared_article', 'introduction', 'follow_up', 'event', 'other'];
type CohortKey = 'A' | 'B';

const student = fc.nat({ max: 2 });
const pick = fc.nat({ max: 1000 });
const due = fc.integer({ min: -12, max: 12 });
const action = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('assign' as const), to: fc.constantFrom<CohortKey | 'students'>('A', 'B', 'students'), students: fc.uniqueArray(student, { minLength: 1, maxLength: 3 }), due, relative: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('draft' as const), pick }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('submit' as const), pick }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('review' as const), pick, approve: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('excuse' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('archive' as const), pick, archived: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('moveDue' as const), pick, due }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('join' as const), student, cohort: fc.constantFrom<CohortKey>('A', 'B') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('leave' as const), student, cohort: fc.constantFrom<CohortKey>('A', 'B') }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('contact' as const), student, sector: fc.constantFrom(...SECTORS) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('interact' as const), pick, kind: fc.constantFrom(...KINDS) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('resector' as const), pick, sector: fc.constantFrom(...SECTORS) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('dropContact' as const), pick }) },
);
type Action = typeof action extends fc.Arbitrary<infer T> ? T : never;

const range = fc.option(
  fc.record({ from: fc.integer({ min: -15, max: 5 }), length: fc.integer({ min: 0, max: 20 }) }).map(({ from, length }) => ({ from: isoDay(from), to: isoDay(from + length) })),
  { nil: undefined },
);

/**
 * The dashboards' numbers equal the same numbers computed straight from the base tables, after
 * any sequence of what people do in the product — done through the real HTTP API as the app role.
 */
describe('dashboards: every number equals the reference SQL after random work', () => {
  let api: TestApi;
  let owner: Client;

  beforeAll(async () => {
    api = await TestApi.start();
    owner = await ownerClient(api.config);
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  const seen: Awaited<ReturnType<typeof referenceDashboard>>[] = [];
  afterAll(() => {
    // The runs must exercise the interesting cases, not just empty dashboards.
    const total = (f: (d: (typeof seen)[number]) => number) => seen.reduce((n, d) => n + f(d), 0);
    const coverage = {
      approved: total((d) => d.funnel.approved),
      submitted: total((d) => d.funnel.submitted),
      late: total((d) => d.assignments.reduce((n, a) => n + a.late, 0)),
      overdue: total((d) => d.assignments.reduce((n, a) => n + a.overdueNow, 0)),
      medians: total((d) => d.assignments.filter((a) => a.medianDaysToSubmit !== null).length),
      atRisk: total((d) => d.atRisk.students.length),
      waiting: total((d) => d.backlog.waiting),
      introductions: total((d) => d.network.introductions),
      sectors: total((d) => d.network.sectors.length),
      approvals: total((d) => d.weekly.reduce((n, w) => n + w.approvals, 0)),
    };
    if (process.env['DASHBOARD_DEBUG']) console.log(JSON.stringify(coverage));
    for (const [name, value] of Object.entries(coverage)) if (!value) throw new Error(`the random runs never produced any ${name}`);
  });

  it('holds for seeded random sequences of assign, draft, submit, review, excuse, archive, membership and network changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 10, maxLength: 40, size: 'max' }), range, async (actions, window) => {
        const world = await World.create(api);
        for (const step of actions) await world.apply(owner, step);
        const { t, cohorts } = world;
        const checks: (readonly [Session, string, { cohortIds: string[] | null; from?: string; to?: string }])[] = [
          [t.admin, '/dashboards/overview', { cohortIds: null }],
          [t.advisor, '/dashboards/overview', { cohortIds: [cohorts.A] }],
          [t.admin, `/dashboards/cohorts/${cohorts.B}`, { cohortIds: [cohorts.B] }],
          [t.advisor, `/dashboards/cohorts/${cohorts.A}`, { cohortIds: [cohorts.A] }],
          [t.admin, `/dashboards/overview?cohortId=${cohorts.A}`, { cohortIds: [cohorts.A] }],
        ];
        const windowed = window ? checks.slice(0, 2).map(([who, path, scope]) => [who, path, { ...scope, ...window }] as const) : [];
        for (const [who, path, scope] of [...checks, ...windowed]) {
          const dates = scope as { from?: string; to?: string };
          const query = dates.from ? `${path.includes('?') ? '&' : '?'}from=${dates.from}&to=${dates.to}` : '';
          const reply = await api.request<Dashboard>('GET', `${path}${query}`, { token: who.accessToken });
          expect(reply.status).toBe(200);
          const expected = await referenceDashboard(owner, t.tenantId, scope, { assignments: path.includes('/cohorts/') ? 200 : 50 });
          expect(comparable(reply.body)).toEqual(expected);
          if (who === t.admin && path === '/dashboards/overview') seen.push(expected);
        }
      }),
      { numRuns: Number(process.env['DASHBOARD_RUNS'] ?? 25), seed: 5_2026, endOnFailure: true },
    );
  }, 240_000);
});

/** One fresh career center: an admin, an advisor of cohort A, three students, cohort B without an advisor. */
class World {
  private constructor(
    readonly api: TestApi,
    readonly t: TenantFixture,
    readonly students: Session[],
    readonly cohorts: Record<CohortKey, string>,
    readonly templateId: string,
  ) {}

  static async create(api: TestApi): Promise<World> {
    const t = await api.tenantWithPeople();
    const more = [];
    for (const n of [1, 2]) more.push(await api.accept((await api.invite(t.admin, `student${n}@${t.slug}.test`, 'student')).token, `Student ${n}`));
    const students = [t.student, ...more];
    const cohort = async (name: string) => (await api.request('POST', '/cohorts', { token: t.admin.accessToken, body: { name } })).body.id as string;
    const cohorts = { A: await cohort('Cohort A'), B: await cohort('Cohort B') };
    await addMembers(api, t.admin, cohorts.A, [t.advisor.userId], 'advisor');
    await addMembers(api, t.admin, cohorts.A, [students[0].userId, students[1].userId], 'student');
    await addMembers(api, t.admin, cohorts.B, [students[2].userId], 'student');
    const template = await api.request('POST', '/templates', {
      token: t.admin.accessToken,
      body: {
        title: 'Share an update',
        category: 'reciprocity',
        instructions: 'Share what you learned with a contact.',
        prompts: [{ key: 'what', label: 'What did you share?', type: 'short_text', required: true }],
        contactRequired: false,
        evidence: { kind: 'none', required: false },
        rubric: null,
        estimatedMinutes: 15,
      },
    });
    if (template.status !== 201) throw new Error(`template: ${template.status}`);
    return new World(api, t, students, cohorts, template.body.id);
  }

  async apply(db: Client, step: Action): Promise<void> {
    const { api, t } = this;
    const call = async (who: Session, method: string, path: string, body?: unknown) => {
      const reply = await api.request(method, path, { token: who.accessToken, body });
      if (reply.status >= 300) throw new Error(`${step.op}: ${method} ${path} → ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply.body;
    };
    const tasks = async (where: string) =>
      (
        await db.query(
          `SELECT t.id, t.student_id FROM tasks t JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
            WHERE t.tenant_id = $1 AND ${where} ORDER BY t.id`,
          [t.tenantId],
        )
      ).rows as { id: string; student_id: string }[];
    const sessionOf = (userId: string) => this.students.find((s) => s.userId === userId) as Session;
    const chosen = <T>(rows: T[], n: number): T | undefined => rows[n % Math.max(rows.length, 1)];

    switch (step.op) {
      case 'assign': {
        const body: Record<string, unknown> = { templateId: this.templateId, opensAt: inDays(-20), allowDuplicate: true };
        if (step.to === 'students') body['studentIds'] = step.students.map((i) => this.students[i].userId);
        else body['cohortId'] = this.cohorts[step.to];
        if (step.relative && step.to !== 'students') body['dueDaysAfterJoin'] = step.due + 13;
        else body['dueAt'] = inDays(step.due);
        await call(step.to === 'A' ? t.advisor : t.admin, 'POST', '/assignments', body);
        return;
      }
      case 'draft':
      case 'submit': {
        const task = chosen(await tasks(`t.status IN ('assigned', 'in_progress', 'revision_requested') AND a.archived_at IS NULL`), step.pick);
        if (!task) return;
        const path = step.op === 'draft' ? `/tasks/${task.id}/draft` : `/tasks/${task.id}/submissions`;
        await call(sessionOf(task.student_id), step.op === 'draft' ? 'PUT' : 'POST', path, { answers: { what: `an article, step ${step.pick}` } });
        return;
      }
      case 'review': {
        const task = chosen(await tasks(`t.status = 'submitted'`), step.pick);
        if (!task) return;
        await call(t.admin, 'POST', `/tasks/${task.id}/reviews`, step.approve ? { decision: 'approve' } : { decision: 'revise', comment: 'Say more about what you learned.' });
        return;
      }
      case 'excuse': {
        const task = chosen(await tasks(`t.status NOT IN ('approved', 'excused')`), step.pick);
        if (task) await call(t.admin, 'POST', `/tasks/${task.id}/excuse`, { reason: 'Medical leave' });
        return;
      }
      case 'archive':
      case 'moveDue': {
        const { rows } = await db.query(`SELECT id FROM assignments WHERE tenant_id = $1 ORDER BY id`, [t.tenantId]);
        const assignment = chosen(rows as { id: string }[], step.pick);
        if (!assignment) return;
        await call(t.admin, 'PATCH', `/assignments/${assignment.id}`, step.op === 'archive' ? { archived: step.archived } : { dueAt: inDays(step.due) });
        return;
      }
      case 'join':
      case 'leave': {
        const userId = this.students[step.student].userId;
        const cohortId = this.cohorts[step.cohort];
        const { rowCount } = await db.query(`SELECT 1 FROM cohort_members WHERE tenant_id = $1 AND cohort_id = $2 AND user_id = $3`, [t.tenantId, cohortId, userId]);
        if (step.op === 'join' && !rowCount) await addMembers(api, t.admin, cohortId, [userId], 'student');
        if (step.op === 'leave' && rowCount) await call(t.admin, 'DELETE', `/cohorts/${cohortId}/members/${userId}`);
        return;
      }
      case 'contact':
        await call(this.students[step.student], 'POST', '/contacts', { name: `Person ${Math.random().toString(36).slice(2, 7)}`, sector: step.sector });
        return;
      case 'interact':
      case 'resector':
      case 'dropContact': {
        const { rows } = await db.query(`SELECT id, owner_id FROM contacts WHERE tenant_id = $1 ORDER BY id`, [t.tenantId]);
        const contact = chosen(rows as { id: string; owner_id: string }[], step.pick);
        if (!contact) return;
        const owner = sessionOf(contact.owner_id);
        if (step.op === 'interact') await call(owner, 'POST', `/contacts/${contact.id}/interactions`, { kind: step.kind, occurredAt: inDays(-1) });
        else if (step.op === 'resector') await call(owner, 'PATCH', `/contacts/${contact.id}`, { sector: step.sector });
        else await call(owner, 'DELETE', `/contacts/${contact.id}`);
        return;
      }
    }
  }
}

function isoDay(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}
