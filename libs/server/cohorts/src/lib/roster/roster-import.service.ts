import { BadRequestException, Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { isEmail } from 'class-validator';
import { AuditService, TenantDatabase, UserAuth } from '@fieldwork/server-core';
import { giveLiveAssignments } from '@fieldwork/server-homework';
import { InvitationsService } from '@fieldwork/server-identity';
import { ROSTER_COLUMNS, ROSTER_MAX_ROWS, type RosterImportReport, type RosterRowError } from '@fieldwork/contracts';
import { EntityManager } from 'typeorm';
import { ROSTER_LIMITS, rosterRowProblems, rosterText, unreadableCsvMessage, withoutNul } from './roster-rules';

interface RosterRow {
  line: number;
  email: string;
  name: string;
  studentId: string | null;
  cohort: string;
}

/**
 * Roster CSV import: every row is checked first; if any row is bad the report
 * lists each problem by line and nothing is written. A good file is written in
 * one transaction with a handful of set-based statements.
 */
@Injectable()
export class RosterImportService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly audit: AuditService,
    private readonly invitations: InvitationsService,
  ) {}

  async import(auth: UserAuth, csv: Buffer, dryRun: boolean, ip?: string): Promise<RosterImportReport> {
    const rows = parseRoster(csv);
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const errors = await this.check(db, auth.tenantId, rows);
      const report: RosterImportReport = { dryRun, ok: errors.length === 0, rows: rows.length, errors, created: { students: 0, cohorts: 0, memberships: 0 } };
      if (errors.length) return report;
      report.created = dryRun ? await this.preview(db, auth.tenantId, rows) : await this.write(db, auth, rows);
      if (!dryRun) {
        await this.audit.record(db, { tenantId: auth.tenantId, action: 'roster.imported', actorId: auth.userId, ip, details: { rows: rows.length, ...report.created } });
      }
      return report;
    });
  }

  private async check(db: EntityManager, tenantId: string, rows: RosterRow[]): Promise<RosterRowError[]> {
    const problems = new Map<number, string[]>();
    const flag = (line: number, problem: string) => problems.set(line, [...(problems.get(line) ?? []), problem]);
    const seen = new Map<string, number>();
    for (const row of rows) {
      // One set of rules for the dry run and the import: every limit the database would enforce, per line.
      for (const problem of rosterRowProblems(row, isEmail)) flag(row.line, problem);
      const key = `${row.email}\u0000${row.cohort.toLowerCase()}`;
      if (seen.has(key)) flag(row.line, `duplicate in file (same person and cohort as line ${seen.get(key)})`);
      else seen.set(key, row.line);
    }
    const facts = await db.query(
      `SELECT r.line,
              u.role AS existing_role,
              c.id IS NULL AS new_cohort,
              c.archived_at IS NOT NULL AS archived_cohort,
              (r.cohort ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$') AS cohort_is_id,
              m.user_id IS NOT NULL AS already_member,
              EXISTS (SELECT 1 FROM users o WHERE o.tenant_id = $1 AND o.student_id = r.student_id AND o.email <> r.email) AS student_id_taken
         FROM jsonb_to_recordset($2::jsonb) AS r(line int, email text, cohort text, student_id text)
         LEFT JOIN users u ON u.tenant_id = $1 AND u.email = r.email
         LEFT JOIN cohorts c ON c.tenant_id = $1 AND (lower(c.name) = lower(r.cohort) OR c.id::text = lower(r.cohort))
         LEFT JOIN cohort_members m ON m.tenant_id = $1 AND m.cohort_id = c.id AND m.user_id = u.id`,
      // A refused row's NUL characters are dropped here so the lookup itself can run; such rows are never written.
      [tenantId, JSON.stringify(rows.map((r) => ({ line: r.line, email: withoutNul(r.email), cohort: withoutNul(r.cohort), student_id: r.studentId === null ? null : withoutNul(r.studentId) })))],
    );
    for (const fact of facts) {
      if (fact.existing_role && fact.existing_role !== 'student') flag(fact.line, `already has an account as ${fact.existing_role}`);
      if (fact.already_member) flag(fact.line, 'already a member of this cohort');
      if (fact.new_cohort && fact.cohort_is_id) flag(fact.line, 'unknown cohort (no cohort has this id)');
      if (fact.archived_cohort) flag(fact.line, 'the cohort is archived');
      if (fact.student_id_taken) flag(fact.line, 'student_id belongs to someone else');
    }
    const byLine = new Map(rows.map((row) => [row.line, row]));
    return [...problems.entries()]
      .sort(([a], [b]) => a - b)
      .map(([line, list]) => ({ line, email: shortEmail(byLine.get(line)?.email), problems: list }));
  }

  private async preview(db: EntityManager, tenantId: string, rows: RosterRow[]): Promise<RosterImportReport['created']> {
    const [counts] = await db.query(
      `SELECT count(DISTINCT r.email) FILTER (WHERE u.id IS NULL)::int AS students,
              count(DISTINCT lower(r.cohort)) FILTER (WHERE c.id IS NULL)::int AS cohorts,
              count(*)::int AS memberships
         FROM jsonb_to_recordset($2::jsonb) AS r(email text, cohort text)
         LEFT JOIN users u ON u.tenant_id = $1 AND u.email = r.email
         LEFT JOIN cohorts c ON c.tenant_id = $1 AND (lower(c.name) = lower(r.cohort) OR c.id::text = lower(r.cohort))`,
      [tenantId, JSON.stringify(rows)],
    );
    return counts;
  }

  /** Creates what is missing, adds the memberships, gives live homework and e-mails each new student an invitation. */
  private async write(db: EntityManager, auth: UserAuth, rows: RosterRow[]): Promise<RosterImportReport['created']> {
    const tenantId = auth.tenantId;
    const data = JSON.stringify(rows);
    const [cohorts] = await db.query(
      `WITH wanted AS (
         SELECT DISTINCT ON (lower(r.cohort)) r.cohort FROM jsonb_to_recordset($2::jsonb) AS r(cohort text)
          WHERE NOT EXISTS (SELECT 1 FROM cohorts c WHERE c.tenant_id = $1 AND (lower(c.name) = lower(r.cohort) OR c.id::text = lower(r.cohort))))
       , inserted AS (INSERT INTO cohorts (tenant_id, id, name) SELECT $1, gen_random_uuid(), cohort FROM wanted RETURNING id)
       SELECT count(*)::int AS count FROM inserted`,
      [tenantId, data],
    );
    const students: { id: string; name: string }[] = await db.query(
      `INSERT INTO users (tenant_id, id, email, name, role, student_id)
       SELECT DISTINCT ON (r.email) $1, gen_random_uuid(), r.email, r.name, 'student', r."studentId"
         FROM jsonb_to_recordset($2::jsonb) AS r(email text, name text, "studentId" text)
       ON CONFLICT (tenant_id, email) DO NOTHING
       RETURNING id, name`,
      [tenantId, data],
    );
    const [memberships] = await db.query(
      `WITH inserted AS (
         INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role)
         SELECT $1, c.id, u.id, 'student'
           FROM jsonb_to_recordset($2::jsonb) AS r(email text, cohort text)
           JOIN users u ON u.tenant_id = $1 AND u.email = r.email
           JOIN cohorts c ON c.tenant_id = $1 AND (lower(c.name) = lower(r.cohort) OR c.id::text = lower(r.cohort))
         ON CONFLICT DO NOTHING
         RETURNING cohort_id, user_id)
       SELECT count(*)::int AS count, array_agg(DISTINCT cohort_id) AS cohorts, array_agg(DISTINCT user_id) AS users FROM inserted`,
      [tenantId, data],
    );
    await giveLiveAssignments(db, tenantId, memberships.cohorts ?? [], memberships.users ?? []);
    await this.invitations.inviteCreated(db, tenantId, students.map((student) => ({ ...student, role: 'student' as const })), auth.userId);
    return { students: students.length, cohorts: cohorts.count, memberships: memberships.count };
  }
}

/** Parses with csv-parse: header required, columns by name, BOM and blank lines tolerated; a file that is not text is refused first. */
function shortEmail(email: string | undefined): string | undefined {
  if (!email) return undefined;
  return email.length > ROSTER_LIMITS.shownEmail ? `${email.slice(0, ROSTER_LIMITS.shownEmail)}…` : withoutNul(email);
}

export function parseRoster(csv: Buffer): RosterRow[] {
  const text = rosterText(csv);
  let records: Record<string, string>[];
  let header: string[] = [];
  try {
    records = parse(text, {
      columns: (names: string[]) => (header = names.map((name) => name.trim().toLowerCase())),
      bom: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    });
  } catch (error) {
    throw new BadRequestException(unreadableCsvMessage(error));
  }
  const missing = ROSTER_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length) throw new BadRequestException(`The header is missing ${missing.join(', ')}; the first line must be: ${ROSTER_COLUMNS.join(',')}`);
  if (!records.length) throw new BadRequestException('The file has a header but no rows');
  if (records.length > ROSTER_MAX_ROWS) throw new BadRequestException(`The file has ${records.length} rows; import at most ${ROSTER_MAX_ROWS} at a time`);
  return records.map((record, index) => ({
    line: index + 2,
    email: (record['email'] ?? '').toLowerCase(),
    name: record['name'] ?? '',
    studentId: record['student_id'] || null,
    cohort: record['cohort'] ?? '',
  }));
}
