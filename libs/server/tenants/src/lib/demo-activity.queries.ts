import type { EntityManager } from 'typeorm';
import { execute, queryOne, sql } from '@fieldwork/server-core';

/** The demo seed's statements: ordinary inserts in the seed's tenant transaction, so the dashboards' triggers see real work. */

export async function tenantTimezone(db: EntityManager, tenantId: string): Promise<string | undefined> {
  const row = await queryOne<{ timezone: string }>(db, sql`SELECT timezone FROM tenants WHERE id = ${tenantId}`);
  return row?.timezone;
}

export async function userIdByEmail(db: EntityManager, tenantId: string, email: string): Promise<string | undefined> {
  const row = await queryOne<{ id: string }>(db, sql`SELECT id FROM users WHERE tenant_id = ${tenantId} AND email = ${email}`);
  return row?.id;
}

export interface DemoStudent {
  id: string | undefined;
  email: string;
  name: string;
  student_id: string;
  /** Days ago they joined (their account is five days older). */
  joined: number;
}

export function insertDemoStudents(db: EntityManager, tenantId: string, students: DemoStudent[]): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO users (tenant_id, id, email, name, role, student_id, created_at, updated_at)
     SELECT ${tenantId}, s.id, s.email, s.name, 'student', s.student_id, now() - make_interval(days => s.joined + 5), now() - make_interval(days => s.joined + 5)
       FROM jsonb_to_recordset(${JSON.stringify(students)}::jsonb) AS s(id uuid, email text, name text, student_id text, joined int)`,
  );
}

/** A cohort that started 35 local days ago (made 40 days ago). */
export function insertDemoCohort(db: EntityManager, tenantId: string, cohortId: string, name: string): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO cohorts (tenant_id, id, name, starts_on, created_at)
     SELECT ${tenantId}, ${cohortId}, ${name}, local_day(now(), tn.timezone) - 35, now() - interval '40 days' FROM tenants tn WHERE tn.id = ${tenantId}`,
  );
}

/** The advisor (joined 36 days ago) and the students, each joined at `joined_at`. */
export function insertDemoMembers(db: EntityManager, tenantId: string, cohortId: string, advisorId: string, students: { id: string | undefined; joined_at: string }[]): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role, joined_at)
     SELECT ${tenantId}::uuid, ${cohortId}::uuid, ${advisorId}::uuid, 'advisor', now() - interval '36 days'
     UNION ALL
     SELECT ${tenantId}::uuid, ${cohortId}::uuid, s.id, 'student', s.joined_at FROM jsonb_to_recordset(${JSON.stringify(students)}::jsonb) AS s(id uuid, joined_at timestamptz)`,
  );
}

/** Assignments from the library templates of these titles, opening and due on local days relative to today. */
export function insertDemoAssignments(
  db: EntityManager,
  tenantId: string,
  cohortId: string,
  advisorId: string,
  assignments: { id: string | undefined; title: string; opens: number; due: number }[],
): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO assignments (tenant_id, id, template_id, cohort_id, title, category, instructions, prompts, contact_required,
                              evidence, rubric, estimated_minutes, interaction_kind, opens_at, due_at, created_by, created_at, updated_at)
     SELECT t.tenant_id, a.id, t.id, ${cohortId}, t.title, t.category, t.instructions, t.prompts, t.contact_required, t.evidence, t.rubric,
            t.estimated_minutes, t.interaction_kind,
            local_day_start(local_day(now(), tn.timezone) + a.opens, tn.timezone),
            local_day_end(local_day(now(), tn.timezone) + a.due, tn.timezone),
            ${advisorId}, local_day_start(local_day(now(), tn.timezone) + a.opens - 2, tn.timezone) + interval '15 hours',
            local_day_start(local_day(now(), tn.timezone) + a.opens - 2, tn.timezone) + interval '15 hours'
       FROM jsonb_to_recordset(${JSON.stringify(assignments)}::jsonb) AS a(id uuid, title text, opens int, due int)
       JOIN templates t ON t.tenant_id = ${tenantId} AND t.title = a.title
       JOIN tenants tn ON tn.id = ${tenantId}`,
  );
}

export interface DemoContact {
  id: string;
  owner_id: string | undefined;
  name: string;
  organization: string;
  role: string;
  sector: string;
  created_at: string;
}

export function insertDemoContacts(db: EntityManager, tenantId: string, contacts: DemoContact[]): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO contacts (tenant_id, id, owner_id, name, organization, role, sector, created_at, updated_at)
     SELECT ${tenantId}, c.id, c.owner_id, c.name, c.organization, c.role, c.sector, c.created_at, c.created_at
       FROM jsonb_to_recordset(${JSON.stringify(contacts)}::jsonb) AS c(id uuid, owner_id uuid, name text, organization text, role text, sector text, created_at timestamptz)`,
  );
}

/** One student's work on one assignment: the task, and its submission and review when there are. */
export interface DemoWork {
  id: string;
  submission_id: string;
  review_id: string;
  assignment_id: string | undefined;
  student_id: string | undefined;
  status: string;
  draft: unknown;
  answers: unknown;
  contact_id: string | null;
  contact_name: string | null;
  contact_organization: string | null;
  evidence: string | null;
  draft_saved_at: string | null;
  submitted_at: string | null;
  reviewed_at: string | null;
  review_comment: string | null;
  rubric_scores: unknown;
  excused_reason: string | null;
  /** Days from today of an extension's new due day. */
  extension_due: number | null;
  extension_reason: string | null;
  extended_at: string | null;
  updated_at: string | null;
}

/** The tasks (an extension granted by the advisor moves the due day). */
export function insertDemoTasks(db: EntityManager, tenantId: string, advisorId: string, work: DemoWork[]): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO tasks (tenant_id, id, assignment_id, student_id, cohort_id, status, opens_at, due_at, draft, draft_contact_id, draft_evidence, draft_saved_at,
                        first_submitted_at, submitted_at, approved_at, excused_reason, extended_from, extension_reason, extended_at, extended_by, created_at, updated_at)
     SELECT ${tenantId}, w.id, a.id, w.student_id, a.cohort_id, w.status, a.opens_at,
            CASE WHEN w.extension_due IS NULL THEN a.due_at ELSE local_day_end(local_day(now(), tn.timezone) + w.extension_due, tn.timezone) END,
            w.draft, w.contact_id, w.evidence, w.draft_saved_at,
            w.submitted_at, w.submitted_at, CASE WHEN w.status = 'approved' THEN w.reviewed_at END, w.excused_reason,
            CASE WHEN w.extension_due IS NOT NULL THEN a.due_at END, w.extension_reason, w.extended_at, CASE WHEN w.extension_due IS NOT NULL THEN ${advisorId}::uuid END,
            GREATEST(a.created_at, m.joined_at), COALESCE(w.updated_at, GREATEST(a.created_at, m.joined_at))
       FROM jsonb_to_recordset(${JSON.stringify(work)}::jsonb) AS w(id uuid, assignment_id uuid, student_id uuid, status text, draft jsonb, contact_id uuid, evidence text,
                                               draft_saved_at timestamptz, submitted_at timestamptz, reviewed_at timestamptz, excused_reason text,
                                               extension_due int, extension_reason text, extended_at timestamptz, updated_at timestamptz)
       JOIN assignments a ON a.tenant_id = ${tenantId} AND a.id = w.assignment_id
       JOIN cohort_members m ON m.tenant_id = ${tenantId} AND m.cohort_id = a.cohort_id AND m.user_id = w.student_id
       JOIN tenants tn ON tn.id = ${tenantId}`,
  );
}

/** The first submission of each submitted task (late when after its due time). */
export function insertDemoSubmissions(db: EntityManager, tenantId: string, submitted: DemoWork[]): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO submissions (tenant_id, id, task_id, version, answers, contact_id, contact_name, contact_organization, evidence, late, submitted_at)
     SELECT ${tenantId}, w.submission_id, t.id, 1, w.answers, w.contact_id, w.contact_name, w.contact_organization, w.evidence, w.submitted_at > t.due_at, w.submitted_at
       FROM jsonb_to_recordset(${JSON.stringify(submitted)}::jsonb) AS w(id uuid, submission_id uuid, answers jsonb, contact_id uuid, contact_name text, contact_organization text,
                                               evidence text, submitted_at timestamptz)
       JOIN tasks t ON t.tenant_id = ${tenantId} AND t.id = w.id`,
  );
}

/** The advisor's review of each reviewed submission: approved, or sent back for revision. */
export function insertDemoReviews(db: EntityManager, tenantId: string, advisorId: string, submitted: DemoWork[]): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO reviews (tenant_id, id, task_id, submission_id, reviewer_id, decision, comment, rubric_scores, total_points, created_at)
     SELECT ${tenantId}, w.review_id, w.id, w.submission_id, ${advisorId}, CASE WHEN w.status = 'approved' THEN 'approve' ELSE 'revise' END,
            w.review_comment, w.rubric_scores, (SELECT sum(value::int)::int FROM jsonb_each_text(w.rubric_scores)), w.reviewed_at
       FROM jsonb_to_recordset(${JSON.stringify(submitted)}::jsonb) AS w(id uuid, submission_id uuid, review_id uuid, status text, review_comment text, rubric_scores jsonb, reviewed_at timestamptz)
      WHERE w.reviewed_at IS NOT NULL`,
  );
}

export interface DemoInteraction {
  id: string;
  contact_id: string;
  owner_id: string | undefined;
  kind: string;
  at: string;
  task_id: string | null;
}

/** Interactions (those with a task come "from homework"), then each contact's count and last interaction. */
export async function insertDemoInteractions(db: EntityManager, tenantId: string, interactions: DemoInteraction[]): Promise<void> {
  await execute(
    db,
    sql`INSERT INTO interactions (tenant_id, id, contact_id, owner_id, kind, occurred_at, task_id, from_homework, created_at)
     SELECT ${tenantId}, i.id, i.contact_id, i.owner_id, i.kind, i.at, i.task_id, i.task_id IS NOT NULL, i.at
       FROM jsonb_to_recordset(${JSON.stringify(interactions)}::jsonb) AS i(id uuid, contact_id uuid, owner_id uuid, kind text, at timestamptz, task_id uuid)`,
  );
  await execute(
    db,
    sql`UPDATE contacts c SET interaction_count = x.n, last_interaction_at = x.last, updated_at = GREATEST(c.updated_at, x.last)
       FROM (SELECT contact_id, count(*)::int AS n, max(occurred_at) AS last FROM interactions WHERE tenant_id = ${tenantId} GROUP BY contact_id) x
      WHERE c.tenant_id = ${tenantId} AND c.id = x.contact_id`,
  );
}
