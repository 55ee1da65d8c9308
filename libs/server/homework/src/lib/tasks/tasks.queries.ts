import { execute, queryOne, queryRows, raw, sql, type Sql } from '@fieldwork/server-core';
import { OPEN_TASK_STATUSES, type Answers, type InteractionKind, type TaskStatus } from '@fieldwork/contracts';
import type { EntityManager } from 'typeorm';
import { localDay } from '../dates/dates.queries';
import type { TemplateContentRow } from '../templates/templates.queries';

/**
 * The open statuses as an SQL list literal, `('assigned', 'in_progress', 'revision_requested')`, for a
 * WHERE clause that the partial index tasks_open_by_due (whose predicate is this literal) should serve:
 * a parameter would hide the statuses from a prepared statement's generic plan, which then could not
 * use the index. Computed flags take them as a parameter instead: `t.status = ANY(${OPEN_TASK_STATUSES})`.
 */
export const OPEN_STATUSES = `(${OPEN_TASK_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/** `t.status IN (…open…)` with the literal the partial index matches (see OPEN_STATUSES). */
export const TASK_IS_OPEN = raw(`t.status IN ${OPEN_STATUSES}`);

/** A task `t` that is open, as a computed flag (the statuses are a parameter). */
export const openTask = (): Sql => sql`t.status = ANY(${OPEN_TASK_STATUSES}::text[])`;

/** The task row with its assignment's content and the derived due flags (`taskById`, `taskPage`). */
export interface TaskRow extends TemplateContentRow {
  id: string;
  assignment_id: string;
  student_id: string;
  cohort_id: string | null;
  status: TaskStatus;
  opens_at: Date;
  due_at: Date;
  draft: Answers | null;
  draft_contact_id: string | null;
  draft_evidence: string | null;
  draft_saved_at: Date | null;
  submitted_at: Date | null;
  first_submitted_at: Date | null;
  approved_at: Date | null;
  updated_at: Date;
  archived_at: Date | null;
  student_name: string;
  cohort_name: string | null;
  excused_reason: string | null;
  due_on: string;
  extended_from: Date | null;
  extended_from_on: string | null;
  extension_reason: string | null;
  extended_at: Date | null;
  extended_by: string | null;
  extended_by_name: string | null;
  due_soon: boolean;
  overdue: boolean;
  late: boolean;
}

function taskSelect(): Sql {
  return sql`
  SELECT t.id, t.assignment_id, t.student_id, t.cohort_id, t.status, t.opens_at, t.due_at, t.draft, t.draft_contact_id,
         t.draft_evidence, t.draft_saved_at, t.submitted_at, t.first_submitted_at, t.approved_at, t.updated_at,
         a.title, a.category, a.instructions, a.prompts, a.contact_required, a.evidence, a.rubric, a.estimated_minutes, a.archived_at, a.interaction_kind,
         u.name AS student_name, c.name AS cohort_name, t.excused_reason,
         ${localDay('t.due_at')} AS due_on, t.extended_from, ${localDay('t.extended_from')} AS extended_from_on,
         t.extension_reason, t.extended_at, t.extended_by, xb.name AS extended_by_name,
         (${openTask()} AND t.due_at >= now() AND t.due_at < now() + interval '48 hours') AS due_soon,
         (${openTask()} AND t.due_at < now()) AS overdue,
         COALESCE(t.first_submitted_at > t.due_at, false) AS late
    FROM tasks t
    JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
    JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.student_id
    JOIN tenants tn ON tn.id = t.tenant_id
    LEFT JOIN cohorts c ON c.tenant_id = t.tenant_id AND c.id = t.cohort_id
    LEFT JOIN users xb ON xb.tenant_id = t.tenant_id AND xb.id = t.extended_by`;
}

/** The task by id (tenant-scoped, no access check), locked for an update when `lock`. */
export function taskById(db: EntityManager, tenantId: string, id: string, lock = false): Promise<TaskRow | undefined> {
  return queryOne<TaskRow>(db, sql`${taskSelect()} WHERE t.tenant_id = ${tenantId} AND t.id = ${id} ${raw(lock ? 'FOR UPDATE OF t' : '')}`);
}

/** The tasks of one page of ids (`page`: a subquery of `id`s, see visibleTaskPage), by due date. */
export function taskPage(db: EntityManager, tenantId: string, page: Sql): Promise<TaskRow[]> {
  return queryRows<TaskRow>(db, sql`${taskSelect()} JOIN (${page}) page ON page.id = t.id WHERE t.tenant_id = ${tenantId} ORDER BY t.due_at, t.id`);
}

/** One row of `submissionsOf`: a version of a reflection with its review. */
export interface SubmissionRow {
  id: string;
  version: number;
  answers: Answers;
  contact_id: string | null;
  contact_name: string | null;
  contact_organization: string | null;
  contact_removed_at: Date | null;
  evidence: string | null;
  late: boolean;
  submitted_at: Date;
  review_id: string | null;
  decision: 'approve' | 'revise' | null;
  comment: string | null;
  rubric_scores: Record<string, number> | null;
  total_points: number | null;
  reviewed_at: Date | null;
  reviewer_id: string | null;
  reviewer_name: string | null;
}

/** Every version of a task's reflection, newest first, each with its review. */
export function submissionsOf(db: EntityManager, tenantId: string, taskId: string): Promise<SubmissionRow[]> {
  return queryRows<SubmissionRow>(
    db,
    sql`SELECT s.id, s.version, s.answers, s.contact_id, s.contact_name, s.contact_organization, s.contact_removed_at, s.evidence, s.late, s.submitted_at,
               r.id AS review_id, r.decision, r.comment, r.rubric_scores, r.total_points, r.created_at AS reviewed_at,
               r.reviewer_id, ru.name AS reviewer_name
          FROM submissions s
          LEFT JOIN reviews r ON r.tenant_id = s.tenant_id AND r.submission_id = s.id
          LEFT JOIN users ru ON ru.tenant_id = r.tenant_id AND ru.id = r.reviewer_id
         WHERE s.tenant_id = ${tenantId} AND s.task_id = ${taskId}
         ORDER BY s.version DESC`,
  );
}

/** What a student keeps of a reflection: answers, the contact, the evidence. */
export interface ReflectionFields {
  answers: Answers;
  contactId: string | null;
  evidence: string | null;
}

/** One row of `saveDraft`. */
export interface DraftRow {
  draft: Answers | null;
  draft_contact_id: string | null;
  draft_evidence: string | null;
  draft_saved_at: Date | null;
}

/** Keeps the draft; the first save moves the task to "in progress". */
export function saveDraft(db: EntityManager, tenantId: string, taskId: string, draft: ReflectionFields): Promise<DraftRow | undefined> {
  return queryOne<DraftRow>(
    db,
    // In a WITH: TypeORM answers a bare UPDATE … RETURNING with [rows, count] instead of the rows.
    sql`WITH saved AS (
          UPDATE tasks SET draft = ${JSON.stringify(draft.answers)}, draft_contact_id = ${draft.contactId}, draft_evidence = ${draft.evidence},
                 draft_saved_at = now(), updated_at = now(),
                 status = CASE WHEN status = 'assigned' THEN 'in_progress' ELSE status END
           WHERE tenant_id = ${tenantId} AND id = ${taskId}
           RETURNING draft, draft_contact_id, draft_evidence, draft_saved_at)
        SELECT * FROM saved`,
  );
}

/** One row of `ownContact`. */
export interface ContactSnapshotRow {
  name: string;
  organization: string | null;
}

/** The student's own contact (name and organization, for the reflection's snapshot), or undefined. */
export function ownContact(db: EntityManager, tenantId: string, contactId: string, ownerId: string): Promise<ContactSnapshotRow | undefined> {
  return queryOne<ContactSnapshotRow>(
    db,
    sql`SELECT name, organization FROM contacts WHERE tenant_id = ${tenantId} AND id = ${contactId} AND owner_id = ${ownerId}`,
  );
}

/** The next version of the task's reflection, late when submitted after `dueAt`. */
export function insertSubmission(
  db: EntityManager,
  tenantId: string,
  id: string,
  taskId: string,
  reflection: ReflectionFields & { contact: ContactSnapshotRow | null },
  dueAt: Date,
): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO submissions (tenant_id, id, task_id, version, answers, contact_id, contact_name, contact_organization, evidence, late)
        SELECT ${tenantId}, ${id}, ${taskId}, COALESCE(max(version), 0) + 1, ${JSON.stringify(reflection.answers)}, ${reflection.contactId},
               ${reflection.contact?.name ?? null}, ${reflection.contact?.organization ?? null}, ${reflection.evidence}, now() > ${dueAt}
          FROM submissions WHERE tenant_id = ${tenantId} AND task_id = ${taskId}`,
  );
}

/** The task is submitted; its draft becomes what was submitted. */
export function markSubmitted(db: EntityManager, tenantId: string, taskId: string, reflection: ReflectionFields): Promise<number> {
  return execute(
    db,
    sql`UPDATE tasks SET status = 'submitted', submitted_at = now(), first_submitted_at = COALESCE(first_submitted_at, now()),
               draft = ${JSON.stringify(reflection.answers)}, draft_contact_id = ${reflection.contactId}, draft_evidence = ${reflection.evidence},
               draft_saved_at = now(), updated_at = now()
         WHERE tenant_id = ${tenantId} AND id = ${taskId}`,
  );
}

export function excuseTask(db: EntityManager, tenantId: string, taskId: string, reason: string): Promise<number> {
  return execute(db, sql`UPDATE tasks SET status = 'excused', excused_reason = ${reason}, updated_at = now() WHERE tenant_id = ${tenantId} AND id = ${taskId}`);
}

// --- homework on the contact's timeline ------------------------------------------------

/** One row of `homeworkInteraction`. */
export interface HomeworkInteractionRow {
  id: string;
  contact_id: string;
}

/** The interaction a task's reflection recorded, if any. */
export function homeworkInteraction(db: EntityManager, tenantId: string, taskId: string): Promise<HomeworkInteractionRow | undefined> {
  return queryOne<HomeworkInteractionRow>(db, sql`SELECT id, contact_id FROM interactions WHERE tenant_id = ${tenantId} AND task_id = ${taskId} AND from_homework`);
}

export function deleteInteraction(db: EntityManager, tenantId: string, id: string): Promise<number> {
  return execute(db, sql`DELETE FROM interactions WHERE tenant_id = ${tenantId} AND id = ${id}`);
}

export interface HomeworkInteraction {
  taskId: string;
  contactId: string;
  ownerId: string;
  kind: InteractionKind;
  /** The reflection's conversation day (noon that local day, never later than now), or null: now. */
  day: string | null;
}

/** One row of `upsertHomeworkInteraction`. */
export interface InteractionIdRow {
  id: string;
}

/** Records (or moves) the task's interaction on the contact's timeline. */
export function upsertHomeworkInteraction(db: EntityManager, tenantId: string, i: HomeworkInteraction): Promise<InteractionIdRow | undefined> {
  return queryOne<InteractionIdRow>(
    db,
    sql`INSERT INTO interactions (tenant_id, id, contact_id, owner_id, kind, occurred_at, task_id, from_homework)
        SELECT ${tenantId}, gen_random_uuid(), ${i.contactId}, ${i.ownerId}, ${i.kind},
               COALESCE(LEAST(now(), local_day_start(${i.day}::date, tn.timezone) + interval '12 hours'), now()), ${i.taskId}, true
          FROM tenants tn WHERE tn.id = ${tenantId}
        ON CONFLICT (tenant_id, task_id) WHERE from_homework
        DO UPDATE SET contact_id = excluded.contact_id, kind = excluded.kind, occurred_at = excluded.occurred_at
        RETURNING id`,
  );
}

/** A contact's interaction count, last interaction and next follow-up, from its timeline. */
export function refreshContactActivity(db: EntityManager, tenantId: string, contactIds: string[]): Promise<number> {
  return execute(
    db,
    sql`UPDATE contacts c
           SET interaction_count = s.count,
               last_interaction_at = s.last,
               next_follow_up_at = CASE WHEN c.follow_up_every_days IS NULL THEN NULL
                                        ELSE COALESCE(s.last, c.created_at) + make_interval(days => c.follow_up_every_days) END,
               updated_at = now()
          FROM (SELECT c2.id, count(i.id)::int AS count, max(i.occurred_at) AS last
                  FROM contacts c2
                  LEFT JOIN interactions i ON i.tenant_id = c2.tenant_id AND i.contact_id = c2.id
                 WHERE c2.tenant_id = ${tenantId} AND c2.id = ANY(${contactIds}::uuid[])
                 GROUP BY c2.id) s
         WHERE c.tenant_id = ${tenantId} AND c.id = s.id`,
  );
}
