import { NotFoundException } from '@nestjs/common';
import { newCohortWithPeople, newTemplate, newTenant, testModule } from '@fieldwork/server-core/testing';
import { HomeworkModule } from './homework.module';
import { AssignmentsService } from './assignments/assignments.service';
import { TasksService } from './tasks/tasks.service';

/** A Los Angeles career center: a cohort of three with their advisor, a student of another cohort, one template. */
async function homeworkScene() {
  const app = await testModule([HomeworkModule]);
  const tenant = await newTenant(app, { timezone: 'America/Los_Angeles' });
  const { cohort, advisor, students } = await newCohortWithPeople(tenant, { students: 3 });
  const [outsider] = (await newCohortWithPeople(tenant)).students;
  const template = await newTemplate(tenant);
  return { app, cohort, advisor, students, outsider, template, assignments: app.get(AssignmentsService), tasks: app.get(TasksService) };
}

/** Assigning homework and who sees its tasks, through the services (no HTTP) on real PostgreSQL. */
describe('homework services', () => {
  let scene: Awaited<ReturnType<typeof homeworkScene>>;
  beforeAll(async () => (scene = await homeworkScene()));
  afterAll(() => scene?.app.close());

  it('assigning to a cohort fans out one task per student, and each student sees only their own', async () => {
    const { assignments, tasks, advisor, students, outsider, template, cohort } = scene;
    const created = await assignments.create(advisor.auth, { templateId: template.id, cohortId: cohort.id, dueOn: '2031-03-14' });
    expect(created.taskCount).toBe(3);

    for (const student of students) {
      const page = await tasks.list(student.auth, {});
      expect(page.items.map((task) => ({ assignment: task.assignmentId, student: task.student.id }))).toEqual([{ assignment: created.id, student: student.id }]);
    }
    expect((await tasks.list(outsider.auth, {})).items).toEqual([]);
    const advisorView = await tasks.list(advisor.auth, { assignmentId: created.id });
    expect(advisorView.items.map((task) => task.student.id).sort()).toEqual(students.map((s) => s.id).sort());
  });

  it('due on a local day means the end of that day in the career center’s zone', async () => {
    const { assignments, tasks, advisor, students, template, cohort } = scene;
    const created = await assignments.create(advisor.auth, { templateId: template.id, cohortId: cohort.id, dueOn: '2031-07-04', allowDuplicate: true });
    const [task] = (await tasks.list(students[0].auth, { assignmentId: created.id })).items;
    // Los Angeles is on daylight time (UTC−7) in July: 23:59:59 local is 06:59:59 UTC the next day.
    expect(task.dueOn).toBe('2031-07-04');
    expect(task.dueAt).toBe('2031-07-05T06:59:59.000Z');
  });

  it('a student reading a classmate’s task gets 404, as if it did not exist', async () => {
    const { assignments, tasks, advisor, students, template, cohort } = scene;
    await assignments.create(advisor.auth, { templateId: template.id, cohortId: cohort.id, dueOn: '2031-09-01', allowDuplicate: true });
    const [own] = (await tasks.list(students[0].auth, {})).items;
    await expect(tasks.get(students[1].auth, own.id)).rejects.toBeInstanceOf(NotFoundException);
    await expect(tasks.get(students[0].auth, own.id)).resolves.toMatchObject({ id: own.id });
  });
});
