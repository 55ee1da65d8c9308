import type { EntityManager } from 'typeorm';
import type { Answers, ExportKind, ReflectionPrompt } from '@fieldwork/contracts';
import {
  cohortProgressSql,
  cursorBatches,
  networkSummarySql,
  reflectionsSql,
  type CohortProgressRow,
  type ExportSql,
  type NetworkSummaryRow,
  type ReflectionExportRow,
  type StudentTaskRow,
} from './exports.queries';
import { labelledLines } from './labelled-lines';
import { isoInZone, localDayIn } from './zoned-time';

/** How many rows one FETCH of an export's cursor reads. */
export const FETCH_SIZE = 1_000;

/**
 * What each export contains: its CSV columns, the count of its rows, and its
 * records, read through a server-side cursor (the SQL is in exports.queries.ts).
 * Instants are written in the career center's zone with its offset
 * ("2026-12-10T23:59:59-05:00"), due dates also as their local day.
 */
export interface ExportQuery {
  columns: string[];
  count: ExportSql['count'];
  /** The CSV records, FETCH_SIZE rows a batch (the last batch may be empty), in the caller's tenant transaction. */
  records(db: EntityManager): AsyncGenerator<unknown[][]>;
}

export interface ExportScope {
  tenantId: string;
  /** One cohort, or the whole career center (admins only). */
  cohortId: string | null;
  /** The career center's IANA zone, in which every instant is written. */
  timezone: string;
}

/** An export of rows of one type: the row type stays inside, the writer sees records. */
function exportOf<Row>(columns: string[], query: ExportSql, toRecord: (row: Row) => unknown[]): ExportQuery {
  return {
    columns,
    count: query.count,
    async *records(db) {
      for await (const batch of cursorBatches<Row>(db, 'export_rows', query.rows, FETCH_SIZE)) yield batch.map(toRecord);
    },
  };
}

/** The first columns of a per-task export: who, in which cohort, which homework. */
const STUDENT_TASK_COLUMNS = ['student name', 'student email', 'student id', 'cohort', 'assignment', 'category'];

function studentTaskCells(row: StudentTaskRow): unknown[] {
  return [row.student_name, row.student_email, row.student_number, row.cohort_name, row.title, row.category];
}

/** Where a task stands and when it is due, as a task's row of a CSV file says it (staff exports and a student's own copy). */
export const TASK_SCHEDULE_COLUMNS = ['status', 'opens', 'due', 'due on', 'original due', 'extension reason'] as const;

/** A task's status and schedule, as `TASK_SCHEDULE_COLUMNS` reads it. */
export interface TaskScheduleRow {
  status: string;
  opens_at: Date;
  due_at: Date;
  extended_from: Date | null;
  extension_reason: string | null;
}

/** The `TASK_SCHEDULE_COLUMNS` cells of a task: instants in `zone` with its offset, the due date also as its local day there. */
export function taskScheduleCells(row: TaskScheduleRow, zone: string): unknown[] {
  return [
    row.status,
    isoInZone(row.opens_at, zone),
    isoInZone(row.due_at, zone),
    localDayIn(row.due_at, zone),
    isoInZone(row.extended_from, zone),
    row.extension_reason,
  ];
}

/** A student's progress on each task: one row per student and assignment. */
function cohortProgress(scope: ExportScope): ExportQuery {
  const columns = [
    ...STUDENT_TASK_COLUMNS,
    ...TASK_SCHEDULE_COLUMNS,
    'first submitted',
    'submitted',
    'approved',
    'late',
    'excused reason',
  ];
  const at = (value: Date | null) => isoInZone(value, scope.timezone);
  return exportOf(columns, cohortProgressSql(scope.tenantId, scope.cohortId), (row: CohortProgressRow) => [
    ...studentTaskCells(row),
    ...taskScheduleCells(row, scope.timezone),
    at(row.first_submitted_at),
    at(row.submitted_at),
    at(row.approved_at),
    row.late,
    row.excused_reason,
  ]);
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
  const columns = [
    'student name',
    'student email',
    'student id',
    'cohorts',
    'contacts',
    'contacts shared with advisors',
    'interactions',
    ...INTERACTION_KIND_COLUMNS.map(([, column]) => column),
    'last interaction',
  ];
  const kinds = INTERACTION_KIND_COLUMNS.map(([kind]) => kind);
  return exportOf(columns, networkSummarySql(scope.tenantId, scope.cohortId, kinds), (row: NetworkSummaryRow) => [
    row.student_name,
    row.student_email,
    row.student_number,
    row.cohorts,
    row.contacts,
    row.shared,
    row.total,
    ...kinds.map((_, index) => row[`k${index}`]),
    isoInZone(row.last_at, scope.timezone),
  ]);
}

/**
 * The latest submitted version of every task's reflection. Answers are one
 * cell of `question: answer` lines in the assignment's prompt order: prompts
 * differ per assignment (and an assignment keeps its own copy of the wording),
 * so one column per prompt would make the header depend on the data (a second
 * pass before streaming) and would merge different questions that share a key.
 */
function reflections(scope: ExportScope): ExportQuery {
  const columns = [
    ...STUDENT_TASK_COLUMNS,
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
  ];
  return exportOf(columns, reflectionsSql(scope.tenantId, scope.cohortId), (row: ReflectionExportRow) => [
    ...studentTaskCells(row),
    row.version,
    isoInZone(row.submitted_at, scope.timezone),
    row.late,
    row.contact_name,
    row.contact_organization,
    row.evidence,
    labelledLines(row.prompts, row.answers),
    row.decision === 'approve' ? 'approved' : row.decision === 'revise' ? 'revision requested' : 'not reviewed',
    row.comment,
    row.total_points,
  ]);
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
