import type { CohortSummary, Template } from '@fieldwork/contracts';
import { Session, TenantFixture, TestApi } from './test-api';

/** A cohort with the fixture's advisor and student in it, and the tenant's informational-interview template. */
export interface CohortFixture {
  cohortId: string;
  template: Template;
}

export async function cohortWithPeople(api: TestApi, t: TenantFixture, name = 'Cohort A'): Promise<CohortFixture> {
  const cohort = await api.request<CohortSummary>('POST', '/cohorts', { token: t.admin.accessToken, body: { name } });
  if (cohort.status !== 201) throw new Error(`cohort: ${cohort.status} ${JSON.stringify(cohort.body)}`);
  await addMembers(api, t.admin, cohort.body.id, [t.advisor.userId], 'advisor');
  await addMembers(api, t.admin, cohort.body.id, [t.student.userId], 'student');
  const templates = await api.request('GET', '/templates?category=gather-information', { token: t.admin.accessToken });
  const template = templates.body.items.find((x: Template) => x.title.startsWith('Conduct an informational interview'));
  return { cohortId: cohort.body.id, template };
}

export async function addMembers(api: TestApi, admin: Session, cohortId: string, userIds: string[], role: 'advisor' | 'student') {
  const reply = await api.request('POST', `/cohorts/${cohortId}/members`, { token: admin.accessToken, body: { userIds, role } });
  if (reply.status !== 200) throw new Error(`members: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as { added: number; tasksCreated: number };
}

export function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

export const INTERVIEW_ANSWERS = {
  organization: 'City Planning Department',
  role: 'Senior planner',
  date: '2026-11-20',
  channel: 'Video call',
  learned_work: 'Most of the week is community meetings and zoning reviews.',
  learned_culture: 'Collaborative, slow-moving, mission driven.',
  fit: 'My GIS skills fit; I need to learn public speaking.',
  surprise: 'How much writing the job takes.',
  next_steps: 'Apply for the spring internship.',
  follow_up_date: '2026-12-15',
};
