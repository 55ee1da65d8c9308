import type { EntityManager } from 'typeorm';
import type { RosterRemoval, RosterSyncCounts } from '@fieldwork/contracts';
import { execute, queryOne, queryRows, sql, type Sql } from '@fieldwork/server-core';

/** One sync at a time per career center (until the transaction ends): two at once would race for the same new people and cohorts. */
export async function lockRosterSync(db: EntityManager, tenantId: string): Promise<void> {
  await queryRows(db, sql`SELECT pg_advisory_xact_lock(hashtextextended('roster-sync:' || ${tenantId}, 0))`);
}

/**
 * The file's cohort cells (`file`, a JSON array with a `cohort` field), each looked up once: by id, else by name
 * (case-insensitive). One row per distinct cell (`key`, lowercased), so a 5,000-row file does ~10 lookups, not 5,000.
 */
function resolvedCohorts(tenantId: string, file: string): Sql {
  return sql`
  SELECT w.key, c.id, c.name, c.archived_at
    FROM (SELECT DISTINCT lower(x.cohort) AS key FROM jsonb_to_recordset(${file}::jsonb) AS x(cohort text)) w
    CROSS JOIN LATERAL (
      SELECT c.id, c.name, c.archived_at FROM cohorts c
       WHERE c.tenant_id = ${tenantId} AND (lower(c.name) = w.key OR c.id::text = w.key)
       ORDER BY c.id::text = w.key DESC LIMIT 1) c`;
}

/** One row of `rosterFacts`: what the database knows about one line of the file (the person, the cohort, the membership). */
export interface RowFacts {
  line: number;
  user_id: string | null;
  role: string | null;
  active: boolean | null;
  current_name: string | null;
  current_student_id: string | null;
  cohort_id: string | null;
  cohort_name: string | null;
  archived_cohort: boolean;
  cohort_is_id: boolean;
  already_member: boolean;
  student_id_taken: boolean;
}

/** One line of the file as `rosterFacts` looks it up. */
export interface RosterLookup {
  line: number;
  email: string;
  cohort: string;
  student_id: string | null;
}

/** The facts of every line, in line order. */
export function rosterFacts(db: EntityManager, tenantId: string, lines: RosterLookup[]): Promise<RowFacts[]> {
  const file = JSON.stringify(lines);
  return queryRows<RowFacts>(
    db,
    sql`SELECT r.line,
              u.id AS user_id, u.role, u.active, u.name AS current_name, u.student_id AS current_student_id,
              c.id AS cohort_id, c.name AS cohort_name,
              c.archived_at IS NOT NULL AS archived_cohort,
              (r.cohort ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$') AS cohort_is_id,
              m.user_id IS NOT NULL AS already_member,
              EXISTS (SELECT 1 FROM users o WHERE o.tenant_id = ${tenantId} AND o.student_id = r.student_id AND o.email <> r.email) AS student_id_taken
         FROM jsonb_to_recordset(${file}::jsonb) AS r(line int, email text, cohort text, student_id text)
         LEFT JOIN users u ON u.tenant_id = ${tenantId} AND u.email = r.email
         LEFT JOIN (${resolvedCohorts(tenantId, file)}) c ON c.key = lower(r.cohort)
         LEFT JOIN cohort_members m ON m.tenant_id = ${tenantId} AND m.cohort_id = c.id AND m.user_id = u.id
        ORDER BY r.line`,
  );
}

/** Student members of these cohorts whom the file does not list there (`listed`: the file's cohort and e-mail pairs). */
export function unlistedMembers(db: EntityManager, tenantId: string, listed: { cohort_id: string; email: string }[]): Promise<RosterRemoval[]> {
  const cohortIds = listed.map((l) => l.cohort_id);
  // NOT IN over the file's (cohort, email) pairs runs as one hashed subplan: 5,000 members against 5,000
  // rows take ~0.1 s (an anti-join the planner nests, misjudging the unnest, took 7 s).
  return queryRows<RosterRemoval>(
    db,
    sql`SELECT u.id AS "userId", u.name, u.email, c.id AS "cohortId", c.name AS "cohortName"
         FROM cohort_members m
         JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id
         JOIN cohorts c ON c.tenant_id = m.tenant_id AND c.id = m.cohort_id
        WHERE m.tenant_id = ${tenantId} AND m.role = 'student' AND m.cohort_id = ANY(${cohortIds}::uuid[])
          AND (m.cohort_id, u.email) NOT IN (SELECT x.cohort_id, x.email FROM unnest(${cohortIds}::uuid[], ${listed.map((l) => l.email)}::text[]) AS x(cohort_id, email))
        ORDER BY lower(c.name), lower(u.name), u.id`,
  );
}

/** One row of `insertFileCohorts`. */
export interface NewCohortRow {
  id: string;
  key: string;
}

/** Creates the file's cohorts that no cell resolves to (`file`: the rows as JSON); answers their ids by lowercased name. */
export function insertFileCohorts(db: EntityManager, tenantId: string, file: string): Promise<NewCohortRow[]> {
  return queryRows<NewCohortRow>(
    db,
    sql`WITH wanted AS (
         SELECT DISTINCT ON (lower(r.cohort)) r.cohort FROM jsonb_to_recordset(${file}::jsonb) AS r(cohort text)
          WHERE lower(r.cohort) NOT IN (SELECT key FROM (${resolvedCohorts(tenantId, file)}) known))
       INSERT INTO cohorts (tenant_id, id, name) SELECT ${tenantId}, gen_random_uuid(), cohort FROM wanted RETURNING id, lower(name) AS key`,
  );
}

/** One row of `insertFileStudents`. */
export interface NewStudentRow {
  id: string;
  name: string;
  email: string;
}

/** Creates the students of `file` (the rows of people not yet on file, as JSON), one per e-mail; an e-mail already taken is left alone. */
export function insertFileStudents(db: EntityManager, tenantId: string, file: string): Promise<NewStudentRow[]> {
  return queryRows<NewStudentRow>(
    db,
    sql`INSERT INTO users (tenant_id, id, email, name, role, student_id)
       SELECT DISTINCT ON (r.email) ${tenantId}, gen_random_uuid(), r.email, r.name, 'student', r."studentId"
         FROM jsonb_to_recordset(${file}::jsonb) AS r(email text, name text, "studentId" text)
       ON CONFLICT (tenant_id, email) DO NOTHING
       RETURNING id, name, email`,
  );
}

/** Existing students' new names and student ids, by user id; an empty student id keeps the one on file. */
export function updateStudents(db: EntityManager, tenantId: string, changed: Map<string, { name: string; studentId: string | null }>): Promise<number> {
  const changes = JSON.stringify(Object.fromEntries(changed));
  return execute(
    db,
    sql`UPDATE users u SET name = ${changes}::jsonb -> u.id::text ->> 'name',
                            student_id = COALESCE(${changes}::jsonb -> u.id::text ->> 'studentId', u.student_id),
                            updated_at = now()
          WHERE u.tenant_id = ${tenantId} AND u.id = ANY(${[...changed.keys()]}::uuid[]) AND u.role = 'student'`,
  );
}

/** One row of `insertStudentMemberships`. */
export interface NewMembershipsRow {
  count: number;
  cohorts: string[] | null;
  users: string[] | null;
}

/** Adds students to cohorts (pairs by position; existing memberships stay); answers how many were new, and their cohorts and people. */
export async function insertStudentMemberships(db: EntityManager, tenantId: string, cohortIds: (string | undefined)[], userIds: (string | undefined)[]): Promise<NewMembershipsRow> {
  const row = await queryOne<NewMembershipsRow>(
    db,
    sql`WITH inserted AS (
         INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role)
         SELECT ${tenantId}, x.cohort_id, x.user_id, 'student' FROM unnest(${cohortIds}::uuid[], ${userIds}::uuid[]) AS x(cohort_id, user_id)
         ON CONFLICT DO NOTHING
         RETURNING cohort_id, user_id)
       SELECT count(*)::int AS count, array_agg(DISTINCT cohort_id) AS cohorts, array_agg(DISTINCT user_id) AS users FROM inserted`,
  );
  return row ?? { count: 0, cohorts: null, users: null };
}

/** Removes student memberships (only the membership: the person, their tasks and their work stay). */
export function deleteStudentMemberships(db: EntityManager, tenantId: string, removals: RosterRemoval[]): Promise<number> {
  return execute(
    db,
    sql`DELETE FROM cohort_members m
          WHERE m.tenant_id = ${tenantId} AND m.role = 'student' AND m.cohort_id = ANY(${[...new Set(removals.map((r) => r.cohortId))]}::uuid[])
            AND (m.cohort_id::text || '/' || m.user_id::text) = ANY(${removals.map((r) => `${r.cohortId}/${r.userId}`)}::text[])`,
  );
}

/** One run of the import, dry or not, as the history keeps it. */
export interface RosterImportEntry {
  userId: string | null;
  apiTokenId: string | null;
  dryRun: boolean;
  removeMissing: boolean;
  ok: boolean;
  rows: number;
  counts: RosterSyncCounts;
  errorSummary: string | null;
}

export function insertRosterImport(db: EntityManager, tenantId: string, entry: RosterImportEntry): Promise<number> {
  const { added, updated, unchanged, removed, error } = entry.counts;
  return execute(
    db,
    sql`INSERT INTO roster_imports (tenant_id, id, user_id, api_token_id, dry_run, remove_missing, ok, rows, added, updated, unchanged, removed, error_rows, error_summary)
       VALUES (${tenantId}, gen_random_uuid(), ${entry.userId}, ${entry.apiTokenId}, ${entry.dryRun}, ${entry.removeMissing}, ${entry.ok}, ${entry.rows},
               ${added}, ${updated}, ${unchanged}, ${removed}, ${error}, ${entry.errorSummary})`,
  );
}

/** One row of `rosterImports`. */
export interface RosterImportRow {
  id: string;
  occurred_at: Date;
  user_id: string | null;
  user_name: string | null;
  api_token_id: string | null;
  token_name: string | null;
  dry_run: boolean;
  remove_missing: boolean;
  ok: boolean;
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  error_rows: number;
  error_summary: string | null;
}

/** The import history, newest first. */
export function rosterImports(db: EntityManager, tenantId: string, limit: number): Promise<RosterImportRow[]> {
  return queryRows<RosterImportRow>(
    db,
    sql`SELECT i.id, i.occurred_at, i.user_id, u.name AS user_name, i.api_token_id, t.name AS token_name, i.dry_run, i.remove_missing, i.ok,
                i.rows, i.added, i.updated, i.unchanged, i.removed, i.error_rows, i.error_summary
           FROM roster_imports i
           LEFT JOIN users u ON u.tenant_id = i.tenant_id AND u.id = i.user_id
           LEFT JOIN api_tokens t ON t.tenant_id = i.tenant_id AND t.id = i.api_token_id
          WHERE i.tenant_id = ${tenantId}
          ORDER BY i.occurred_at DESC, i.id DESC
          LIMIT ${limit}`,
  );
}
