import { execute, queryOne, queryRows, raw, sql, type Sql } from '@fieldwork/server-core';
import { OPEN_TASK_STATUSES, type Answers, type ExportKind, type ExportStatus, type ReflectionPrompt, type TemplateCategory, type TaskStatus } from '@fieldwork/contracts';
import type { EntityManager } from 'typeorm';

// --- the exports table ----------------------------------------------------------

/**
 * The columns a row of a built-file table reads alike (exports, data_exports): where the file
 * stands, and the career center's zone its days are written in.
 */
export interface BuiltFileRow<Status extends string> {
  id: string;
  status: Status;
  file_path: string | null;
  /** bigint: PostgreSQL answers it as text. */
  file_size: string | null;
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
  expires_at: Date | null;
  timezone: string;
}

/** One export with its cohort's and requester's names and the career center's zone. */
export interface ExportRow extends BuiltFileRow<ExportStatus> {
  kind: ExportKind;
  cohort_id: string | null;
  cohort_name: string | null;
  requested_by: string;
  requester_name: string;
  total_rows: number | null;
  done_rows: number;
}

const SELECT_EXPORT = raw(`
  SELECT e.id, e.kind, e.cohort_id, c.name AS cohort_name, e.requested_by, u.name AS requester_name, e.status, e.total_rows, e.done_rows,
         e.file_path, e.file_size, e.error, e.created_at, e.finished_at, e.expires_at, tn.timezone
    FROM exports e
    JOIN tenants tn ON tn.id = e.tenant_id
    JOIN users u ON u.tenant_id = e.tenant_id AND u.id = e.requested_by
    LEFT JOIN cohorts c ON c.tenant_id = e.tenant_id AND c.id = e.cohort_id`);

/** A page of exports, newest first (keyset on created_at, id); `where` holds visibility and the cursor. */
export function exportPage(db: EntityManager, tenantId: string, where: Sql, limit: number): Promise<ExportRow[]> {
  return queryRows<ExportRow>(db, sql`${SELECT_EXPORT} WHERE e.tenant_id = ${tenantId} AND ${where} ORDER BY e.created_at DESC, e.id DESC LIMIT ${limit}`);
}

export function exportById(db: EntityManager, tenantId: string, id: string): Promise<ExportRow | undefined> {
  return queryOne<ExportRow>(db, sql`${SELECT_EXPORT} WHERE e.tenant_id = ${tenantId} AND e.id = ${id}`);
}

export function insertExport(db: EntityManager, tenantId: string, id: string, requestedBy: string, kind: ExportKind, cohortId: string | null): Promise<number> {
  return execute(db, sql`INSERT INTO exports (tenant_id, id, requested_by, kind, cohort_id) VALUES (${tenantId}, ${id}, ${requestedBy}, ${kind}, ${cohortId})`);
}

/** What the worker needs of an export it is about to run. */
export interface ExportToRunRow {
  kind: ExportKind;
  cohort_id: string | null;
  status: ExportStatus;
  timezone: string;
}

/** The export, locked for the worker that claims it. */
export function lockExportToRun(db: EntityManager, tenantId: string, id: string): Promise<ExportToRunRow | undefined> {
  return queryOne<ExportToRunRow>(
    db,
    sql`SELECT e.kind, e.cohort_id, e.status, tn.timezone
          FROM exports e JOIN tenants tn ON tn.id = e.tenant_id
         WHERE e.tenant_id = ${tenantId} AND e.id = ${id} FOR UPDATE OF e`,
  );
}

// --- a table of files built in the background (exports, data_exports, tenant_exports) ----

/**
 * A table whose rows are files a worker builds and keeps for a few days: its name, the column
 * naming the career center a file belongs to (`tenant_id` in a tenant table; the platform's
 * tenant_exports names its `target_tenant_id`), and the columns that count the work done and in
 * all. The names come from code, never from a request.
 */
export interface BuiltFileTable {
  name: string;
  tenantColumn: string;
  doneColumn: string;
  totalColumn: string;
}

/** The exports table: the work is counted in CSV rows. */
export const EXPORTS_TABLE: BuiltFileTable = { name: 'exports', tenantColumn: 'tenant_id', doneColumn: 'done_rows', totalColumn: 'total_rows' };

/** The row `id` of the career center's file in `table`. */
function builtFile(table: BuiltFileTable, tenantId: string, id: string): Sql {
  return sql`${raw(table.tenantColumn)} = ${tenantId} AND id = ${id}`;
}

/** The build starts (again) from nothing. */
export function markBuildRunning(db: EntityManager, table: BuiltFileTable, tenantId: string, id: string): Promise<number> {
  return execute(
    db,
    sql`UPDATE ${raw(table.name)} SET status = 'running', started_at = now(), ${raw(table.doneColumn)} = 0, ${raw(table.totalColumn)} = NULL, error = NULL, attempts = attempts + 1
         WHERE ${builtFile(table, tenantId, id)}`,
  );
}

/** Work done so far (and, once counted, in all) of a running build. */
export function recordBuildProgress(db: EntityManager, table: BuiltFileTable, tenantId: string, id: string, done: number, total: number | null): Promise<number> {
  const doneColumn = raw(table.doneColumn);
  const totalColumn = raw(table.totalColumn);
  return execute(
    db,
    sql`UPDATE ${raw(table.name)} SET ${doneColumn} = ${done}, ${totalColumn} = COALESCE(${total}::bigint, ${totalColumn})
         WHERE ${builtFile(table, tenantId, id)} AND status = 'running'`,
  );
}

/** The file is written: the build is done (`count` in all) and expires at `expiresAt` (an instant, or SQL computing one). */
export function markBuildDone(
  db: EntityManager,
  table: BuiltFileTable,
  tenantId: string,
  id: string,
  file: { count: number; path: string; size: number; expiresAt: Date | Sql },
): Promise<number> {
  return execute(
    db,
    sql`UPDATE ${raw(table.name)} SET status = 'done', ${raw(table.totalColumn)} = ${file.count}, ${raw(table.doneColumn)} = ${file.count}, file_path = ${file.path}, file_size = ${file.size}, error = NULL,
               finished_at = now(), expires_at = ${file.expiresAt}
         WHERE ${builtFile(table, tenantId, id)}`,
  );
}

/** An attempt failed: queued again for a retry, or failed for good (then finished). */
export function markBuildAttemptFailed(db: EntityManager, table: BuiltFileTable, tenantId: string, id: string, status: 'queued' | 'failed', error: string): Promise<number> {
  return execute(
    db,
    sql`UPDATE ${raw(table.name)} SET status = ${status}, error = ${error}, finished_at = CASE WHEN ${status}::text = 'failed' THEN now() END
         WHERE ${builtFile(table, tenantId, id)}`,
  );
}

/** One row of `lockExpiredBuilds`. */
export interface ExpiredBuildRow {
  id: string;
  file_path: string | null;
}

/** Done builds past their expiry, locked (skipping any another worker holds). */
export function lockExpiredBuilds(db: EntityManager, table: BuiltFileTable, tenantId: string): Promise<ExpiredBuildRow[]> {
  return queryRows<ExpiredBuildRow>(
    db,
    sql`SELECT id, file_path FROM ${raw(table.name)} WHERE ${raw(table.tenantColumn)} = ${tenantId} AND status = 'done' AND expires_at <= now() FOR UPDATE SKIP LOCKED`,
  );
}

/** The files are deleted: the rows stay, for the record. */
export function markBuildsExpired(db: EntityManager, table: BuiltFileTable, tenantId: string, ids: string[]): Promise<number> {
  return execute(db, sql`UPDATE ${raw(table.name)} SET status = 'expired', file_path = NULL WHERE ${raw(table.tenantColumn)} = ${tenantId} AND id = ANY(${ids}::uuid[])`);
}

// --- streaming rows -------------------------------------------------------------

/**
 * The rows of `query` through a server-side cursor (DECLARE … FETCH), `fetchSize`
 * rows per round trip, batch by batch: memory stays flat however many rows there
 * are. Runs in the caller's transaction (a tenant transaction: row-level security
 * applies to the cursor); `name` is chosen by code and unique among the cursors
 * open at once. The last batch may be empty. The cursor is closed however the reading ends.
 */
export async function* cursorBatches<Row>(db: EntityManager, name: string, query: Sql, fetchSize: number): AsyncGenerator<Row[]> {
  await execute(db, sql`DECLARE ${raw(name)} NO SCROLL CURSOR FOR ${query}`);
  try {
    for (;;) {
      const batch = await queryRows<Row>(db, raw(`FETCH FORWARD ${fetchSize} FROM ${name}`));
      yield batch;
      if (batch.length < fetchSize) return;
    }
  } finally {
    await execute(db, raw(`CLOSE ${name}`)).catch(() => undefined);
  }
}

/** One row of a count. */
export interface CountRow {
  n: number;
}

export async function countOf(db: EntityManager, query: Sql): Promise<number> {
  return (await queryOne<CountRow>(db, query))?.n ?? 0;
}

// --- what each export kind reads ----------------------------------------------------

/** The rows of an export kind and their count. Every query filters by tenant explicitly. */
export interface ExportSql {
  count: Sql;
  rows: Sql;
}

/** The tasks of the tenant, or of one cohort. */
function taskScope(tenantId: string, cohortId: string | null): Sql {
  return cohortId ? sql`t.tenant_id = ${tenantId} AND t.cohort_id = ${cohortId}` : sql`t.tenant_id = ${tenantId}`;
}

/** The columns every per-task export starts with: who, in which cohort, which homework. */
export interface StudentTaskRow {
  student_name: string;
  student_email: string;
  student_number: string | null;
  cohort_name: string | null;
  title: string;
  category: TemplateCategory;
}

const STUDENT_TASK_COLUMNS = raw(`u.name AS student_name, u.email AS student_email, u.student_id AS student_number, c.name AS cohort_name,
             a.title, a.category`);

/** A task `t` with its assignment `a`, student `u` and cohort `c` (`extra`: more joins before the cohort). */
function tasksWithStudents(extra: Sql = raw('')): Sql {
  return sql`
    FROM tasks t
    ${extra}
    JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
    JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.student_id
    LEFT JOIN cohorts c ON c.tenant_id = t.tenant_id AND c.id = t.cohort_id`;
}

/** One row of the cohort-progress export: a student's progress on one task. */
export interface CohortProgressRow extends StudentTaskRow {
  status: TaskStatus;
  opens_at: Date;
  due_at: Date;
  extended_from: Date | null;
  extension_reason: string | null;
  first_submitted_at: Date | null;
  submitted_at: Date | null;
  approved_at: Date | null;
  late: boolean;
  excused_reason: string | null;
}

export function cohortProgressSql(tenantId: string, cohortId: string | null): ExportSql {
  const from = sql`${tasksWithStudents()}
   WHERE ${taskScope(tenantId, cohortId)}`;
  return {
    count: sql`SELECT count(*)::int AS n ${from}`,
    rows: sql`
      SELECT ${STUDENT_TASK_COLUMNS}, t.status, t.opens_at, t.due_at, t.extended_from, t.extension_reason, t.first_submitted_at, t.submitted_at, t.approved_at,
             (COALESCE(t.first_submitted_at > t.due_at, false)
               OR (t.first_submitted_at IS NULL AND t.status = ANY(${OPEN_TASK_STATUSES}::text[]) AND t.due_at < now())) AS late,
             t.excused_reason
        ${from}
       ORDER BY u.name, u.id, t.opens_at, a.title, t.id`,
  };
}

/** One row of the network-summary export: a student's network in numbers (`k<i>`: interactions of the i-th kind). */
export interface NetworkSummaryRow {
  student_name: string;
  student_email: string;
  student_number: string | null;
  cohorts: string | null;
  contacts: number;
  shared: number;
  total: number;
  last_at: Date | null;
  [kindCount: `k${number}`]: number;
}

/** Each student's contacts and interactions counted, interactions also per kind (`kinds`, in column order). */
export function networkSummarySql(tenantId: string, cohortId: string | null, kinds: readonly string[]): ExportSql {
  const members = cohortId
    ? sql`JOIN cohort_members m ON m.tenant_id = u.tenant_id AND m.user_id = u.id AND m.cohort_id = ${cohortId} AND m.role = 'student'`
    : raw('');
  const where = sql`WHERE u.tenant_id = ${tenantId} AND u.role = 'student'`;
  // Kinds are the contracts' names (code, never a request): written into the text as literals.
  const byKind = raw(kinds.map((kind, index) => `count(*) FILTER (WHERE kind = '${kind}')::int AS k${index}`).join(', '));
  const kindColumns = raw(kinds.map((_, index) => `COALESCE(i.k${index}, 0) AS k${index}`).join(', '));
  return {
    count: sql`SELECT count(*)::int AS n FROM users u ${members} ${where}`,
    // Contacts and interactions are grouped once each and hash-joined: one pass over each table, however many students.
    rows: sql`
      SELECT u.name AS student_name, u.email AS student_email, u.student_id AS student_number,
             (SELECT string_agg(co.name, '; ' ORDER BY co.name) FROM cohort_members cm
                JOIN cohorts co ON co.tenant_id = cm.tenant_id AND co.id = cm.cohort_id
               WHERE cm.tenant_id = u.tenant_id AND cm.user_id = u.id AND cm.role = 'student') AS cohorts,
             COALESCE(ct.contacts, 0) AS contacts, COALESCE(ct.shared, 0) AS shared, COALESCE(i.total, 0) AS total,
             ${kindColumns}, i.last_at
        FROM users u
        ${members}
        LEFT JOIN (SELECT owner_id, count(*)::int AS contacts, count(*) FILTER (WHERE shared_with_advisors)::int AS shared
                     FROM contacts WHERE tenant_id = ${tenantId} GROUP BY owner_id) ct ON ct.owner_id = u.id
        LEFT JOIN (SELECT owner_id, count(*)::int AS total, ${byKind}, max(occurred_at) AS last_at
                     FROM interactions WHERE tenant_id = ${tenantId} GROUP BY owner_id) i ON i.owner_id = u.id
       ${where}
       ORDER BY u.name, u.id`,
  };
}

/** One row of the reflections export: the latest version of a task's reflection, with its review. */
export interface ReflectionExportRow extends StudentTaskRow {
  prompts: ReflectionPrompt[];
  version: number;
  submitted_at: Date;
  late: boolean;
  contact_name: string | null;
  contact_organization: string | null;
  evidence: string | null;
  answers: Answers;
  decision: 'approve' | 'revise' | null;
  comment: string | null;
  total_points: number | null;
}

export function reflectionsSql(tenantId: string, cohortId: string | null): ExportSql {
  const latest = raw(
    `JOIN LATERAL (SELECT * FROM submissions s WHERE s.tenant_id = t.tenant_id AND s.task_id = t.id ORDER BY s.version DESC LIMIT 1) s ON true`,
  );
  const from = sql`${tasksWithStudents(latest)}
    LEFT JOIN reviews r ON r.tenant_id = s.tenant_id AND r.submission_id = s.id
   WHERE ${taskScope(tenantId, cohortId)}`;
  return {
    count: sql`SELECT count(*)::int AS n ${from}`,
    rows: sql`
      SELECT ${STUDENT_TASK_COLUMNS}, a.prompts, s.version, s.submitted_at, s.late, s.contact_name, s.contact_organization, s.evidence,
             s.answers, r.decision, r.comment, r.total_points
        ${from}
       ORDER BY u.name, u.id, t.opens_at, a.title, t.id`,
  };
}
