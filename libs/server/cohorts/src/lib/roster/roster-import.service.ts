import { BadRequestException, Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { isEmail } from 'class-validator';
import { AuditService, TenantDatabase } from '@fieldwork/server-core';
import { giveLiveAssignments } from '@fieldwork/server-homework';
import { InvitationsService } from '@fieldwork/server-identity';
import {
  ROSTER_COLUMNS,
  ROSTER_MAX_ROWS,
  type RosterImportRecord,
  type RosterImportReport,
  type RosterRemoval,
  type RosterRowError,
  type RosterRowOutcome,
  type RosterSyncCounts,
} from '@fieldwork/contracts';
import { EntityManager } from 'typeorm';
import type { RosterActor } from './roster-actor';
import {
  RosterImportRow,
  RowFacts,
  deleteStudentMemberships,
  insertFileCohorts,
  insertFileStudents,
  insertRosterImport,
  insertStudentMemberships,
  lockRosterSync,
  rosterFacts,
  rosterImports,
  unlistedMembers,
  updateStudents,
} from './roster.queries';
import { ROSTER_LIMITS, rosterRowProblems, rosterText, unreadableCsvMessage, withoutNul } from './roster-rules';

interface RosterRow {
  line: number;
  email: string;
  name: string;
  studentId: string | null;
  cohort: string;
}

export interface RosterImportOptions {
  dryRun: boolean;
  /** Remove members of the file's cohorts who are not in the file (from those cohorts only). */
  removeMissing: boolean;
  ip?: string;
}

/** The plan for a file: every row's outcome and, when nothing is wrong, what the import writes. */
interface RosterPlan {
  rows: RosterRow[];
  outcomes: RosterRowOutcome[];
  errors: RosterRowError[];
  removals: RosterRemoval[];
  created: RosterImportReport['created'];
  /** What the database said about each row, by line. */
  facts: Map<number, RowFacts>;
}

/** How many problems the history keeps, and how long its summary may be. */
const HISTORY_ERRORS = 5;
const HISTORY_SUMMARY_MAX = 1000;

/**
 * Roster sync. One function (`plan`) checks a file and works out every row's
 * outcome — added, updated, unchanged or error — for the dry run and the
 * import alike, so a dry run that says ok never ends in a database error. A
 * good file is then written in one transaction with a handful of set-based
 * statements; a file with any bad row writes nothing. Every run, dry or not,
 * from the page or an API token, goes into the import history.
 */
@Injectable()
export class RosterImportService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly audit: AuditService,
    private readonly invitations: InvitationsService,
  ) {}

  async import(actor: RosterActor, csv: Buffer, options: RosterImportOptions): Promise<RosterImportReport> {
    let rows: RosterRow[];
    try {
      rows = parseRoster(csv);
    } catch (error) {
      // A file that cannot be read is in the history too: the nightly job's failures must be visible.
      if (error instanceof BadRequestException) await this.recordRefusedFile(actor, options, error.message);
      throw error;
    }
    return this.tenantDb.transaction(actor.tenantId, async (db) => {
      // One sync at a time per career center: two at once would race for the same new people and cohorts.
      if (!options.dryRun) await lockRosterSync(db, actor.tenantId);
      const plan = await this.plan(db, actor.tenantId, rows, options.removeMissing);
      const ok = plan.errors.length === 0;
      const report: RosterImportReport = {
        dryRun: options.dryRun,
        ok,
        rows: rows.length,
        errors: plan.errors,
        created: ok ? plan.created : { students: 0, cohorts: 0, memberships: 0 },
        removeMissing: options.removeMissing,
        counts: countsOf(plan),
        outcomes: plan.outcomes,
        removals: ok ? plan.removals : [],
      };
      if (!ok) report.counts.removed = 0;
      if (ok && !options.dryRun) {
        report.created = await this.write(db, actor, plan);
        await this.audit.record(db, {
          tenantId: actor.tenantId,
          action: 'roster.imported',
          actorId: actor.actorId,
          ip: options.ip,
          details: { rows: rows.length, ...report.created, ...report.counts, removeMissing: options.removeMissing, via: actor.apiTokenId ? 'api-token' : 'web' },
        });
      }
      await this.recordHistory(db, actor, report, errorSummary(plan.errors));
      return report;
    });
  }

  /** The import history, newest first. */
  history(tenantId: string, limit: number): Promise<RosterImportRecord[]> {
    return this.tenantDb.transaction(tenantId, async (db) => {
      const rows = await rosterImports(db, tenantId, limit);
      return rows.map(toRecord);
    });
  }

  /**
   * Checks every row and works out its outcome: the same function for the dry
   * run and the import. Rules on a row alone (lengths, e-mail, NUL, line breaks)
   * come from roster-rules; rules across rows (duplicates, one person with two
   * names or student ids, one student id for two people) and rules that need
   * the database (someone's role, a deactivated account, an archived or unknown
   * cohort, a student id held by another person) are checked here.
   */
  private async plan(db: EntityManager, tenantId: string, rows: RosterRow[], removeMissing: boolean): Promise<RosterPlan> {
    const problems = new Map<number, string[]>();
    const flag = (line: number, problem: string) => problems.set(line, [...(problems.get(line) ?? []), problem]);
    for (const row of rows) for (const problem of rosterRowProblems(row, isEmail)) flag(row.line, problem);

    // A refused row's NUL characters are dropped here so the lookup itself can run; such rows are never written.
    const facts = await rosterFacts(
      db,
      tenantId,
      rows.map((r) => ({ line: r.line, email: withoutNul(r.email), cohort: withoutNul(r.cohort), student_id: r.studentId === null ? null : withoutNul(r.studentId) })),
    );
    const factsByLine = new Map(facts.map((fact) => [fact.line, fact]));
    const cohortKey = (row: RosterRow) => factsByLine.get(row.line)?.cohort_id ?? `new:${row.cohort.toLowerCase()}`;

    // Across rows: the same person and cohort twice; one person with two names or student ids; one student id for two people.
    const pair = new Map<string, number>();
    const person = new Map<string, RosterRow>();
    const idOwner = new Map<string, RosterRow>();
    for (const row of rows) {
      if (!row.email) continue;
      const key = `${row.email}\u0000${cohortKey(row)}`;
      if (pair.has(key)) flag(row.line, `duplicate in file (same person and cohort as line ${pair.get(key)})`);
      else pair.set(key, row.line);
      const first = person.get(row.email);
      if (!first) person.set(row.email, row);
      else {
        if (first.name !== row.name) flag(row.line, `name differs from line ${first.line} for the same email ("${clip(first.name)}")`);
        if ((first.studentId ?? '') !== (row.studentId ?? '')) flag(row.line, `student_id differs from line ${first.line} for the same email`);
      }
      if (row.studentId) {
        const owner = idOwner.get(row.studentId);
        if (!owner) idOwner.set(row.studentId, row);
        else if (owner.email !== row.email) flag(row.line, `student_id "${clip(row.studentId)}" is also on line ${owner.line} for another email`);
      }
    }
    for (const fact of facts) {
      if (fact.role && fact.role !== 'student') flag(fact.line, `email already has an account as ${fact.role}, not a student; take this row out or use another email`);
      else if (fact.user_id && fact.active === false) flag(fact.line, 'email belongs to a deactivated student; reactivate them on the People page or take this row out');
      if (!fact.cohort_id && fact.cohort_is_id) flag(fact.line, 'cohort: unknown cohort (no cohort has this id)');
      if (fact.archived_cohort) flag(fact.line, `cohort "${clip(fact.cohort_name ?? '')}" is archived; unarchive it or use another cohort`);
      if (fact.student_id_taken) flag(fact.line, 'student_id belongs to another person in this career center');
    }

    const outcomes: RosterRowOutcome[] = rows.map((row) => {
      const email = shortEmail(row.email) ?? '';
      const rowProblems = problems.get(row.line);
      if (rowProblems) return { line: row.line, email, result: 'error', changes: [], problems: rowProblems };
      const fact = factsByLine.get(row.line);
      if (!fact?.user_id) return { line: row.line, email, result: 'added', changes: [], problems: [] };
      const changes: string[] = [];
      if (fact.current_name !== row.name) changes.push(`name: "${clip(fact.current_name ?? '')}" → "${clip(row.name)}"`);
      if (row.studentId && row.studentId !== fact.current_student_id) {
        changes.push(`student_id: ${fact.current_student_id ? `"${clip(fact.current_student_id)}"` : '(none)'} → "${clip(row.studentId)}"`);
      }
      if (!fact.already_member) changes.push(`joins cohort "${clip(fact.cohort_name ?? row.cohort)}"`);
      return { line: row.line, email, result: changes.length ? 'updated' : 'unchanged', changes, problems: [] };
    });
    const byLine = new Map(rows.map((row) => [row.line, row]));
    const errors = [...problems.entries()]
      .sort(([a], [b]) => a - b)
      .map(([line, list]) => ({ line, email: shortEmail(byLine.get(line)?.email), problems: list }));

    const removals = removeMissing && !errors.length ? await this.missingMembers(db, tenantId, rows, factsByLine) : [];
    const created = {
      students: new Set(rows.filter((row) => !factsByLine.get(row.line)?.user_id).map((row) => row.email)).size,
      cohorts: new Set(rows.filter((row) => !factsByLine.get(row.line)?.cohort_id).map((row) => row.cohort.toLowerCase())).size,
      memberships: rows.filter((row) => !factsByLine.get(row.line)?.already_member).length,
    };
    return { rows, outcomes, errors, removals, created, facts: factsByLine };
  }

  /** Student members of the file's (existing) cohorts whom the file does not list in that cohort. */
  private missingMembers(db: EntityManager, tenantId: string, rows: RosterRow[], facts: Map<number, RowFacts>): Promise<RosterRemoval[]> {
    const listed = rows.flatMap((row) => {
      const cohortId = facts.get(row.line)?.cohort_id;
      return cohortId ? [{ cohort_id: cohortId, email: row.email }] : [];
    });
    if (!listed.length) return Promise.resolve([]);
    return unlistedMembers(db, tenantId, listed);
  }

  /**
   * Creates the missing cohorts and people, updates the names and student ids
   * that changed, adds the memberships (with the cohorts' live homework),
   * removes the planned memberships, and invites each new student.
   */
  private async write(db: EntityManager, actor: RosterActor, plan: RosterPlan): Promise<RosterImportReport['created']> {
    const tenantId = actor.tenantId;
    const data = JSON.stringify(plan.rows);
    // No statement below joins the file to a table: rows are matched through the plan's ids (primary keys,
    // `= ANY` arrays), so a stale row estimate cannot turn a join into 5,000 × 5,000 comparisons.
    const cohorts = await insertFileCohorts(db, tenantId, data);
    const students = await insertFileStudents(db, tenantId, JSON.stringify(plan.rows.filter((row) => !plan.facts.get(row.line)?.user_id)));
    const cohortOf = new Map(cohorts.map((c) => [c.key, c.id]));
    const userOf = new Map(students.map((u) => [u.email, u.id]));
    const changed = new Map<string, { name: string; studentId: string | null }>();
    for (const row of plan.rows) {
      const fact = plan.facts.get(row.line);
      if (fact?.cohort_id) cohortOf.set(row.cohort.toLowerCase(), fact.cohort_id);
      if (!fact?.user_id) continue;
      userOf.set(row.email, fact.user_id);
      if (fact.current_name !== row.name || (row.studentId && row.studentId !== fact.current_student_id)) changed.set(fact.user_id, { name: row.name, studentId: row.studentId });
    }
    if (changed.size) {
      // Existing people: the registrar's name and student id win; an empty student_id cell keeps the one on file.
      await updateStudents(db, tenantId, changed);
    }
    const joins = plan.rows.filter((row) => !plan.facts.get(row.line)?.already_member);
    const memberships = await insertStudentMemberships(
      db,
      tenantId,
      joins.map((row) => cohortOf.get(row.cohort.toLowerCase())),
      joins.map((row) => userOf.get(row.email)),
    );
    // Membership only: the person, their tasks and their work stay.
    if (plan.removals.length) await deleteStudentMemberships(db, tenantId, plan.removals);
    await giveLiveAssignments(db, tenantId, memberships.cohorts ?? [], memberships.users ?? []);
    await this.invitations.inviteCreated(db, tenantId, students.map(({ id, name }) => ({ id, name, role: 'student' as const })), actor.invitedBy);
    return { students: students.length, cohorts: cohorts.length, memberships: memberships.count };
  }

  private async recordHistory(db: EntityManager, actor: RosterActor, report: RosterImportReport, summary: string | null): Promise<void> {
    await insertRosterImport(db, actor.tenantId, {
      userId: actor.userId,
      apiTokenId: actor.apiTokenId,
      dryRun: report.dryRun,
      removeMissing: report.removeMissing,
      ok: report.ok,
      rows: report.rows,
      counts: report.counts,
      errorSummary: summary,
    });
  }

  private recordRefusedFile(actor: RosterActor, options: RosterImportOptions, message: string): Promise<void> {
    const report: RosterImportReport = {
      dryRun: options.dryRun,
      ok: false,
      rows: 0,
      errors: [],
      created: { students: 0, cohorts: 0, memberships: 0 },
      removeMissing: options.removeMissing,
      counts: { added: 0, updated: 0, unchanged: 0, error: 0, removed: 0 },
      outcomes: [],
      removals: [],
    };
    return this.tenantDb.transaction(actor.tenantId, (db) => this.recordHistory(db, actor, report, clip(message, HISTORY_SUMMARY_MAX)));
  }
}

function toRecord(row: RosterImportRow): RosterImportRecord {
  return {
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    by: row.api_token_id
      ? { kind: 'api-token', id: row.api_token_id, name: row.token_name ?? '(API token)' }
      : { kind: 'user', id: row.user_id ?? '', name: row.user_name ?? '(deleted user)' },
    dryRun: row.dry_run,
    removeMissing: row.remove_missing,
    ok: row.ok,
    rows: row.rows,
    counts: { added: row.added, updated: row.updated, unchanged: row.unchanged, error: row.error_rows, removed: row.removed },
    errorSummary: row.error_summary,
  };
}

function countsOf(plan: RosterPlan): RosterSyncCounts {
  const counts: RosterSyncCounts = { added: 0, updated: 0, unchanged: 0, error: 0, removed: plan.removals.length };
  for (const outcome of plan.outcomes) counts[outcome.result]++;
  return counts;
}

/** "line 3: bad email …; line 7: …": the first few problems, for the history. */
function errorSummary(errors: RosterRowError[]): string | null {
  if (!errors.length) return null;
  const shown = errors.slice(0, HISTORY_ERRORS).map((error) => `line ${error.line}: ${error.problems.join('; ')}`);
  const more = errors.length > HISTORY_ERRORS ? ` (and ${errors.length - HISTORY_ERRORS} more lines)` : '';
  return clip(shown.join('\n') + more, HISTORY_SUMMARY_MAX);
}

/** A value quoted in a message, cut to a readable length. */
function clip(value: string, max = 60): string {
  const clean = withoutNul(value);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
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
