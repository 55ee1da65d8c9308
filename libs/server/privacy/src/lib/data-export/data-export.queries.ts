import type { EntityManager } from 'typeorm';
import { execute, queryOne, queryRows, raw, sql, type Sql } from '@fieldwork/server-core';
import type { BuiltFileRow, BuiltFileTable, Labelled } from '@fieldwork/server-exports';
import type { DataExportStatus, Role } from '@fieldwork/contracts';

/**
 * Every SQL statement of "download my data": the requests, the worker's claim, and what the ZIP holds. The
 * worker's progress, outcome and expiry sweep are the built-file statements of server-exports, on DATA_EXPORTS_TABLE.
 */

// --- the requests -------------------------------------------------------------

/** One row of `dataExportsOf` and `ownDataExport`: a built file whose work is counted in items. */
export interface DataExportRow extends BuiltFileRow<DataExportStatus> {
  user_id: string;
  total_items: number | null;
  done_items: number;
}

/** The data_exports table as a table of built files (the worker's lifecycle statements are the exports'). */
export const DATA_EXPORTS_TABLE: BuiltFileTable = { name: 'data_exports', tenantColumn: 'tenant_id', doneColumn: 'done_items', totalColumn: 'total_items' };

const SELECT_DATA_EXPORT = raw(`
  SELECT d.id, d.user_id, d.status, d.total_items, d.done_items, d.file_path, d.file_size, d.error,
         d.created_at, d.finished_at, d.expires_at, tn.timezone
    FROM data_exports d JOIN tenants tn ON tn.id = d.tenant_id`);

export function insertDataExport(db: EntityManager, tenantId: string, id: string, userId: string): Promise<number> {
  return execute(db, sql`INSERT INTO data_exports (tenant_id, id, user_id) VALUES (${tenantId}, ${id}, ${userId})`);
}

/** A person's copies, newest first. */
export function dataExportsOf(db: EntityManager, tenantId: string, userId: string, limit: number): Promise<DataExportRow[]> {
  return queryRows<DataExportRow>(
    db,
    sql`${SELECT_DATA_EXPORT} WHERE d.tenant_id = ${tenantId} AND d.user_id = ${userId} ORDER BY d.created_at DESC, d.id DESC LIMIT ${limit}`,
  );
}

/** One copy, only if it is the person's own. */
export function ownDataExport(db: EntityManager, tenantId: string, id: string, userId: string): Promise<DataExportRow | undefined> {
  return queryOne<DataExportRow>(db, sql`${SELECT_DATA_EXPORT} WHERE d.tenant_id = ${tenantId} AND d.id = ${id} AND d.user_id = ${userId}`);
}

// --- the worker -----------------------------------------------------------------

/** One row of `lockDataExportToBuild`: the copy's state, and whose data it is. */
export interface DataExportToBuildRow {
  status: DataExportStatus;
  user_id: string;
  user_name: string;
  role: Role;
  tenant_name: string;
  timezone: string;
  now: Date;
}

export function lockDataExportToBuild(db: EntityManager, tenantId: string, exportId: string): Promise<DataExportToBuildRow | undefined> {
  return queryOne<DataExportToBuildRow>(
    db,
    sql`SELECT d.status, d.user_id, u.name AS user_name, u.role, tn.name AS tenant_name, tn.timezone, now() AS now
          FROM data_exports d
          JOIN users u ON u.tenant_id = d.tenant_id AND u.id = d.user_id
          JOIN tenants tn ON tn.id = d.tenant_id
         WHERE d.tenant_id = ${tenantId} AND d.id = ${exportId} FOR UPDATE OF d`,
  );
}

/** One row of `dataExportFilesOf`. */
export interface DataExportFileRow {
  id: string;
  file_path: string | null;
}

/** Every copy of a person, locked, for erasing them. */
export function dataExportFilesOf(db: EntityManager, tenantId: string, userId: string): Promise<DataExportFileRow[]> {
  return queryRows<DataExportFileRow>(db, sql`SELECT id, file_path FROM data_exports WHERE tenant_id = ${tenantId} AND user_id = ${userId} FOR UPDATE`);
}

export function deleteDataExports(db: EntityManager, tenantId: string, ids: string[]): Promise<number> {
  return execute(db, sql`DELETE FROM data_exports WHERE tenant_id = ${tenantId} AND id = ANY(${ids}::uuid[])`);
}

// --- what the ZIP holds ---------------------------------------------------------

/** One row of `dataExportCounts`. */
export interface DataExportCountsRow {
  tasks: number;
  task_rows: number;
  submissions: number;
  contacts: number;
  interactions: number;
}

export async function dataExportCounts(db: EntityManager, tenantId: string, userId: string): Promise<DataExportCountsRow | undefined> {
  return queryOne<DataExportCountsRow>(
    db,
    sql`SELECT (SELECT count(*) FROM tasks WHERE tenant_id = ${tenantId} AND student_id = ${userId})::int AS tasks,
               (SELECT count(*) FROM tasks t LEFT JOIN submissions s ON s.tenant_id = t.tenant_id AND s.task_id = t.id
                 WHERE t.tenant_id = ${tenantId} AND t.student_id = ${userId})::int AS task_rows,
               (SELECT count(*) FROM tasks t JOIN submissions s ON s.tenant_id = t.tenant_id AND s.task_id = t.id
                 WHERE t.tenant_id = ${tenantId} AND t.student_id = ${userId})::int AS submissions,
               (SELECT count(*) FROM contacts WHERE tenant_id = ${tenantId} AND owner_id = ${userId})::int AS contacts,
               (SELECT count(*) FROM interactions WHERE tenant_id = ${tenantId} AND owner_id = ${userId})::int AS interactions`,
  );
}

/** One row of `profileUser`. */
export interface ProfileUserRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  student_id: string | null;
  active: boolean;
  created_at: Date;
}

export function profileUser(db: EntityManager, tenantId: string, userId: string): Promise<ProfileUserRow | undefined> {
  return queryOne<ProfileUserRow>(db, sql`SELECT id, name, email, role, student_id, active, created_at FROM users WHERE tenant_id = ${tenantId} AND id = ${userId}`);
}

/** One row of `profileCohorts`: a cohort the person is in, and as what. */
export interface ProfileCohortRow {
  id: string;
  name: string;
  role: string;
  starts_on: string | null;
  ends_on: string | null;
  archived_at: Date | null;
  joined_at: Date;
}

export function profileCohorts(db: EntityManager, tenantId: string, userId: string): Promise<ProfileCohortRow[]> {
  return queryRows<ProfileCohortRow>(
    db,
    sql`SELECT c.id, c.name, m.role, c.starts_on::text AS starts_on, c.ends_on::text AS ends_on, c.archived_at, m.joined_at
          FROM cohort_members m JOIN cohorts c ON c.tenant_id = m.tenant_id AND c.id = m.cohort_id
         WHERE m.tenant_id = ${tenantId} AND m.user_id = ${userId} ORDER BY m.joined_at, c.id`,
  );
}

/** A submitted version inside `tasksOf`'s jsonb (instants as JSON text). */
export interface SubmissionJson {
  id: string;
  version: number;
  answers: Record<string, unknown> | null;
  contact_id: string | null;
  contact_name: string | null;
  contact_organization: string | null;
  evidence: string | null;
  late: boolean;
  submitted_at: string;
  review: {
    id: string;
    decision: string;
    comment: string | null;
    rubric_scores: Record<string, unknown> | null;
    total_points: number | null;
    reviewer: string | null;
    reviewed_at: string;
  } | null;
}

/** The columns of a task and its homework that both task reads return. */
interface TaskColumns {
  title: string;
  category: string;
  prompts: Labelled[] | null;
  rubric: Labelled[] | null;
  cohort_name: string | null;
  status: string;
  opens_at: Date;
  due_at: Date;
  extended_from: Date | null;
  extension_reason: string | null;
  excused_reason: string | null;
  approved_at: Date | null;
}

/** One row of `tasksOf`: a task with its homework and every submitted version. */
export interface DataExportTaskRow extends TaskColumns {
  id: string;
  instructions: string;
  evidence_rule: unknown;
  /** The due date's day in the career center's zone. */
  due_on: string;
  original_due_on: string | null;
  extended_at: Date | null;
  first_submitted_at: Date | null;
  submitted_at: Date | null;
  draft: Record<string, unknown> | null;
  draft_evidence: string | null;
  draft_saved_at: Date | null;
  created_at: Date;
  submissions: SubmissionJson[];
}

/** Tasks (`t`) with their homework (`a`) and cohort (`c`, if any). */
const TASKS_OF_STUDENT = raw(`FROM tasks t
    JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
    LEFT JOIN cohorts c ON c.tenant_id = t.tenant_id AND c.id = t.cohort_id`);

/** A submission's (`s`) review (`r`) and reviewer (`ru`), if any. */
const REVIEW_AND_REVIEWER = raw(`LEFT JOIN reviews r ON r.tenant_id = s.tenant_id AND r.submission_id = s.id
    LEFT JOIN users ru ON ru.tenant_id = r.tenant_id AND ru.id = r.reviewer_id`);

/** A student's tasks for tasks.json, due dates also as days in `zone`. */
export function tasksOf(tenantId: string, userId: string, zone: string): Sql {
  return sql`
  SELECT t.id, a.title, a.category, a.instructions, a.prompts, a.rubric, a.evidence AS evidence_rule, c.name AS cohort_name,
         t.status, t.opens_at, t.due_at, local_day(t.due_at, ${zone})::text AS due_on, t.extended_from,
         local_day(t.extended_from, ${zone})::text AS original_due_on, t.extension_reason, t.extended_at, t.excused_reason,
         t.first_submitted_at, t.submitted_at, t.approved_at, t.draft, t.draft_evidence, t.draft_saved_at, t.created_at,
         COALESCE((
           SELECT jsonb_agg(jsonb_build_object(
                    'id', s.id, 'version', s.version, 'answers', s.answers, 'contact_id', s.contact_id, 'contact_name', s.contact_name,
                    'contact_organization', s.contact_organization, 'evidence', s.evidence, 'late', s.late, 'submitted_at', s.submitted_at,
                    'review', CASE WHEN r.id IS NULL THEN NULL ELSE jsonb_build_object(
                      'id', r.id, 'decision', r.decision, 'comment', r.comment, 'rubric_scores', r.rubric_scores,
                      'total_points', r.total_points, 'reviewer', ru.name, 'reviewed_at', r.created_at) END)
                  ORDER BY s.version)
             FROM submissions s
             ${REVIEW_AND_REVIEWER}
            WHERE s.tenant_id = t.tenant_id AND s.task_id = t.id), '[]'::jsonb) AS submissions
    ${TASKS_OF_STUDENT}
   WHERE t.tenant_id = ${tenantId} AND t.student_id = ${userId}
   ORDER BY t.due_at, t.id`;
}

/** One row of `taskLinesOf`: a task and one of its submitted versions (or none), flat for tasks.csv. */
export interface DataExportTaskLineRow extends TaskColumns {
  task_id: string;
  submission_id: string | null;
  version: number | null;
  submitted_at: Date | null;
  late: boolean | null;
  answers: Record<string, unknown> | null;
  contact_name: string | null;
  contact_organization: string | null;
  evidence: string | null;
  decision: string | null;
  comment: string | null;
  rubric_scores: Record<string, unknown> | null;
  total_points: number | null;
  reviewed_at: Date | null;
  reviewer_name: string | null;
}

export function taskLinesOf(tenantId: string, userId: string): Sql {
  return sql`
  SELECT t.id AS task_id, a.title, a.category, a.prompts, a.rubric, c.name AS cohort_name, t.status, t.opens_at, t.due_at,
         t.extended_from, t.extension_reason, t.excused_reason, t.approved_at,
         s.id AS submission_id, s.version, s.submitted_at, s.late, s.answers, s.contact_name, s.contact_organization, s.evidence,
         r.decision, r.comment, r.rubric_scores, r.total_points, r.created_at AS reviewed_at, ru.name AS reviewer_name
    ${TASKS_OF_STUDENT}
    LEFT JOIN submissions s ON s.tenant_id = t.tenant_id AND s.task_id = t.id
    ${REVIEW_AND_REVIEWER}
   WHERE t.tenant_id = ${tenantId} AND t.student_id = ${userId}
   ORDER BY t.due_at, t.id, s.version`;
}

/** A person's contacts by name, as the network reads them (rows for `toContact`: the contract's fields). */
export function contactsOf(tenantId: string, userId: string): Sql {
  return sql`
  SELECT id, name, organization, role, sector, how_met AS "howMet", email, linkedin_url AS "linkedinUrl", tags, notes,
         follow_up_every_days AS "followUpEveryDays", shared_with_advisors AS "sharedWithAdvisors", last_interaction_at AS "lastInteractionAt",
         next_follow_up_at AS "nextFollowUpAt", (next_follow_up_at IS NOT NULL AND next_follow_up_at <= now()) AS "followUpDue",
         interaction_count AS "interactionCount", created_at AS "createdAt", updated_at AS "updatedAt"
    FROM contacts WHERE tenant_id = ${tenantId} AND owner_id = ${userId}
   ORDER BY lower(name), id`;
}

/** One row of `interactionsOf`. */
export interface DataExportInteractionRow {
  id: string;
  contact_id: string;
  contact_name: string;
  kind: string;
  occurred_at: Date;
  notes: string | null;
  task_id: string | null;
  from_homework: boolean;
  created_at: Date;
}

/** A person's interactions in the order they happened. */
export function interactionsOf(tenantId: string, userId: string): Sql {
  return sql`
  SELECT i.id, i.contact_id, c.name AS contact_name, i.kind, i.occurred_at, i.notes, i.task_id, i.from_homework, i.created_at
    FROM interactions i
    JOIN contacts c ON c.tenant_id = i.tenant_id AND c.id = i.contact_id
   WHERE i.tenant_id = ${tenantId} AND i.owner_id = ${userId}
   ORDER BY i.occurred_at, i.id`;
}
