import { NotFoundException } from '@nestjs/common';
import { execute, sql } from '@fieldwork/server-core';
import { inTenant, newAdmin, newAssignment, newCohortWithPeople, newTemplate, newTenant, testModule } from '@fieldwork/server-core/testing';
import { DashboardsModule } from './dashboards.module';
import { DashboardsService } from './dashboards.service';

const DAY = 86_400_000;

/**
 * A tiny cohort whose every task is known: five students, one assignment due two days ago.
 * Student 0 has not started; 1 is writing; 2 submitted a day early; 3 was approved after
 * submitting a day late; 4 is excused.
 */
async function tinyCohortScene() {
  const app = await testModule([DashboardsModule]);
  const tenant = await newTenant(app);
  const { cohort, advisor, students } = await newCohortWithPeople(tenant, { name: 'Tiny Cohort', students: 5 });
  const admin = await newAdmin(tenant);
  const dueAt = new Date(Date.now() - 2 * DAY);
  const assignment = await newAssignment(tenant, { cohort, template: await newTemplate(tenant), by: advisor, opensAt: new Date(Date.now() - 10 * DAY), dueAt });
  const taskOf = (index: number) => assignment.tasks.find((task) => task.studentId === students[index].id)?.id;
  const before = new Date(dueAt.getTime() - DAY);
  const after = new Date(dueAt.getTime() + DAY);
  await inTenant(tenant, async (db) => {
    await execute(db, sql`UPDATE tasks SET status = 'in_progress' WHERE tenant_id = ${tenant.id} AND id = ${taskOf(1)}`);
    await execute(db, sql`UPDATE tasks SET status = 'submitted', first_submitted_at = ${before}, submitted_at = ${before} WHERE tenant_id = ${tenant.id} AND id = ${taskOf(2)}`);
    await execute(db, sql`UPDATE tasks SET status = 'approved', first_submitted_at = ${after}, submitted_at = ${after}, approved_at = now() WHERE tenant_id = ${tenant.id} AND id = ${taskOf(3)}`);
    await execute(db, sql`UPDATE tasks SET status = 'excused', excused_reason = 'Away at a family funeral this week' WHERE tenant_id = ${tenant.id} AND id = ${taskOf(4)}`);
  });
  return { app, tenant, cohort, advisor, admin, dashboards: app.get(DashboardsService) };
}

/** Dashboard numbers of a tiny cohort whose every task is known, read through the service (no HTTP). */
describe('dashboards service', () => {
  let scene: Awaited<ReturnType<typeof tinyCohortScene>>;
  beforeAll(async () => (scene = await tinyCohortScene()));
  afterAll(() => scene?.app.close());

  it('counts the funnel of the cohort: excused work left out, started, submitted and approved', async () => {
    const { dashboards, advisor, cohort } = scene;
    const view = await dashboards.cohort(advisor.auth, cohort.id, {});
    expect(view.cohort).toEqual({ id: cohort.id, name: 'Tiny Cohort' });
    expect(view.funnel).toEqual({ assigned: 4, started: 3, submitted: 2, approved: 1, startedRate: 0.75, submittedRate: 0.5, approvedRate: 0.25 });
    expect(view.cohorts).toEqual([expect.objectContaining({ cohortId: cohort.id, students: 5, assigned: 4, overdueNow: 2, awaitingReview: 1 })]);
  });

  it('counts the assignment’s on-time and late first submissions and its open work past due', async () => {
    const { dashboards, advisor, cohort } = scene;
    const [stats] = (await dashboards.cohort(advisor.auth, cohort.id, {})).assignments;
    expect(stats).toMatchObject({ assigned: 4, submitted: 2, approved: 1, completionRate: 0.25, onTime: 1, late: 1, overdueNow: 2 });
  });

  it('the admin’s overview covers the whole career center; an advisor of another cohort gets 404 for this one', async () => {
    const { dashboards, admin, tenant, cohort } = scene;
    const overview = await dashboards.overview(admin.auth, {});
    expect(overview.scope.kind).toBe('tenant');
    expect(overview.funnel).toMatchObject({ assigned: 4, approved: 1 });
    const { advisor: stranger } = await newCohortWithPeople(tenant);
    await expect(dashboards.cohort(stranger.auth, cohort.id, {})).rejects.toBeInstanceOf(NotFoundException);
  });
});
