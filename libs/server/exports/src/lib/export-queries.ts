import type { Answers, ExportKind, ReflectionPrompt } from '@fieldwork/contracts';
import { OPEN_STATUSES } from '@fieldwork/server-homework';
import { isoInZone, localDayIn } from './zoned-time';

/**
 * What each export contains: its CSV columns, the SQL of its rows (streamed
 * through a server-side cursor) and of their count, and the mapping of a row to
 * a CSV record. Every query filters by tenant explicitly ($1), and runs inside
 * a tenant transaction, so row-level security applies as well. Instants are
 * written in the career center's zone with its offset ("2026-12-10T23:59:59-05:00"),
 * due dates also as their local day.
 */
export interface ExportQuery {
  columns: string[];
  countSql: string;
  rowsSql: string;
  params: unknown[];
  toRecord: (row: ExportRow) => unknown[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ExportRow = any;

export interface ExportScope {
  tenantId: string;
  /** One cohort, or the whole career center (admins only). */
  cohortId: string | null;
  /** The career center's IANA zone, in which every instant is written. */
  timezone: string;
}


/** A student's progress on each task: one row per student and assignment. */
function cohortProgress(scope: ExportScope): ExportQuery {
  const params: unknown[] = [scope.tenantId];
  let where = 't.tenant_id = $1';
  if (scope.cohortId) {
    params.push(scope.cohortId);
    where += ' AND t.cohort_id = $2';
  }
  const from = `
    FROM tasks t
    JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
    JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.student_id
    LEFT JOIN cohorts c ON c.tenant_id = t.tenant_id AND c.id = t.cohort_id
   WHERE ${where}`;
  return {
    columns: [
      'student name',
      'student email',
      'student id',
      'cohort',
      'assignment',
      'category',
      'status',
      'opens',
      'due',
      'due on',
      'original due',
      'extension reason',
      'first submitted',
      'submitted',
      'approved',
      'late',
      'excused reason',
    ],
    countSql: `SELECT count(*)::int AS n ${from}`,
    rowsSql: `
      SELECT u.name AS student_name, u.email AS student_email, u.student_id AS student_number, c.name AS cohort_name,
             a.title, a.category, t.status, t.opens_at, t.due_at, t.extended_from, t.extension_reason, t.first_submitted_at, t.submitted_at, t.approved_at,
             (COALESCE(t.first_submitted_at > t.due_at, false)
               OR (t.first_submitted_at IS NULL AND t.status IN ${OPEN_STATUSES} AND t.due_at < now())) AS late,
             t.excused_reason
        ${from}
       ORDER BY u.name, u.id, t.opens_at, a.title, t.id`,
    params,
    toRecord: (row) => [
      row.student_name,
      row.student_email,
      row.student_number,
      row.cohort_name,
      row.title,
      row.category,
      row.status,
      isoInZone(row.opens_at, scope.timezone),
      isoInZone(row.due_at, scope.timezone),
      localDayIn(row.due_at, scope.timezone),
      isoInZone(row.extended_from, scope.timezone),
      row.extension_reason,
      isoInZone(row.first_submitted_at, scope.timezone),
      isoInZone(row.submitted_at, scope.timezone),
      isoInZone(row.approved_at, scope.timezone),
      row.late,
      row.excused_reason,
    ],
  };
}

export const INTERACTION_KIND_COLUMNS: [kind: string, column: string][] = [
  ['informational_interview', 'informational interviews'],
  ['thank_you', 'thank-yous'],
  ['shared_article', 'shared articles'],
  ['introduction', 'introductions'],
  ['follow_up', 'follow-ups'],
  ['event', 'events'],
  ['other', 'other interactions'],
];

/** Each student's network in numbers: one row per student (counts only, never a contact's details). */
function networkSummary(scope: ExportScope): ExportQuery {
  const params: unknown[] = [scope.tenantId];
  let members = '';
  if (scope.cohortId) {
    params.push(scope.cohortId);
    members = `JOIN cohort_members m ON m.tenant_id = u.tenant_id AND m.user_id = u.id AND m.cohort_id = $2 AND m.role = 'student'`;
  }
  const where = `WHERE u.tenant_id = $1 AND u.role = 'student'`;
  const byKind = INTERACTION_KIND_COLUMNS.map(([kind], index) => `count(*) FILTER (WHERE kind = '${kind}')::int AS k${index}`).join(', ');
  return {
    columns: ['student name', 'student email', 'student id', 'cohorts', 'contacts', 'contacts shared with advisors', 'interactions', ...INTERACTION_KIND_COLUMNS.map(([, column]) => column), 'last interaction'],
    countSql: `SELECT count(*)::int AS n FROM users u ${members} ${where}`,
    // Contacts and interactions are grouped once each and hash-joined: one pass over each table, however many students.
    rowsSql: `
      SELECT u.name AS student_name, u.email AS student_email, u.student_id AS student_number,
             (SELECT string_agg(co.name, '; ' ORDER BY co.name) FROM cohort_members cm
                JOIN cohorts co ON co.tenant_id = cm.tenant_id AND co.id = cm.cohort_id
               WHERE cm.tenant_id = u.tenant_id AND cm.user_id = u.id AND cm.role = 'student') AS cohorts,
             COALESCE(ct.contacts, 0) AS contacts, COALESCE(ct.shared, 0) AS shared, COALESCE(i.total, 0) AS total,
             ${INTERACTION_KIND_COLUMNS.map((_, index) => `COALESCE(i.k${index}, 0) AS k${index}`).join(', ')}, i.last_at
        FROM users u
        ${members}
        LEFT JOIN (SELECT owner_id, count(*)::int AS contacts, count(*) FILTER (WHERE shared_with_advisors)::int AS shared
                     FROM contacts WHERE tenant_id = $1 GROUP BY owner_id) ct ON ct.owner_id = u.id
        LEFT JOIN (SELECT owner_id, count(*)::int AS total, ${byKind}, max(occurred_at) AS last_at
                     FROM interactions WHERE tenant_id = $1 GROUP BY owner_id) i ON i.owner_id = u.id
       ${where}
       ORDER BY u.name, u.id`,
    params,
    toRecord: (row) => [
      row.student_name,
      row.student_email,
      row.student_number,
      row.cohorts,
      row.contacts,
      row.shared,
      row.total,
      ...INTERACTION_KIND_COLUMNS.map((_, index) => row[`k${index}`]),
      isoInZone(row.last_at, scope.timezone),
    ],
  };
}

/**
 * The latest submitted version of every task's reflection. Answers are one
 * cell of `question: answer` lines in the assignment's prompt order: prompts
 * differ per assignment (and an assignment keeps its own copy of the wording),
 * so one column per prompt would make the header depend on the data (a second
 * pass before streaming) and would merge different questions that share a key.
 */
function reflections(scope: ExportScope): ExportQuery {
  const params: unknown[] = [scope.tenantId];
  let where = 't.tenant_id = $1';
  if (scope.cohortId) {
    params.push(scope.cohortId);
    where += ' AND t.cohort_id = $2';
  }
  const from = `
    FROM tasks t
    JOIN LATERAL (SELECT * FROM submissions s WHERE s.tenant_id = t.tenant_id AND s.task_id = t.id ORDER BY s.version DESC LIMIT 1) s ON true
    JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
    JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.student_id
    LEFT JOIN cohorts c ON c.tenant_id = t.tenant_id AND c.id = t.cohort_id
    LEFT JOIN reviews r ON r.tenant_id = s.tenant_id AND r.submission_id = s.id
   WHERE ${where}`;
  return {
    columns: [
      'student name',
      'student email',
      'student id',
      'cohort',
      'assignment',
      'category',
      'version',
      'submitted',
      'late',
      'contact name',
      'contact organization',
      'evidence',
      'answers',
      'review decision',
      'review comment',
      'rubric points',
    ],
    countSql: `SELECT count(*)::int AS n ${from}`,
    rowsSql: `
      SELECT u.name AS student_name, u.email AS student_email, u.student_id AS student_number, c.name AS cohort_name,
             a.title, a.category, a.prompts, s.version, s.submitted_at, s.late, s.contact_name, s.contact_organization, s.evidence,
             s.answers, r.decision, r.comment, r.total_points
        ${from}
       ORDER BY u.name, u.id, t.opens_at, a.title, t.id`,
    params,
    toRecord: (row) => [
      row.student_name,
      row.student_email,
      row.student_number,
      row.cohort_name,
      row.title,
      row.category,
      row.version,
      isoInZone(row.submitted_at, scope.timezone),
      row.late,
      row.contact_name,
      row.contact_organization,
      row.evidence,
      flattenAnswers(row.prompts, row.answers),
      row.decision === 'approve' ? 'approved' : row.decision === 'revise' ? 'revision requested' : 'not reviewed',
      row.comment,
      row.total_points,
    ],
  };
}

/** `question: answer` lines in prompt order; answers to prompts no longer present come last under their key. */
export function flattenAnswers(prompts: ReflectionPrompt[], answers: Answers): string {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const prompt of prompts ?? []) {
    seen.add(prompt.key);
    const value = answers?.[prompt.key];
    if (value !== undefined && value !== null && value !== '') lines.push(`${prompt.label}: ${value}`);
  }
  for (const [key, value] of Object.entries(answers ?? {})) {
    if (!seen.has(key) && value !== null && value !== '') lines.push(`${key}: ${value}`);
  }
  return lines.join('\n');
}

export function exportQuery(kind: ExportKind, scope: ExportScope): ExportQuery {
  switch (kind) {
    case 'cohort-progress':
      return cohortProgress(scope);
    case 'network-summary':
      return networkSummary(scope);
    case 'reflections':
      return reflections(scope);
  }
}
