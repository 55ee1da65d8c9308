export type CohortMemberRole = 'advisor' | 'student';

export interface CohortSummary {
  id: string;
  name: string;
  /** ISO dates (YYYY-MM-DD) or null. */
  startsOn: string | null;
  endsOn: string | null;
  archived: boolean;
  studentCount: number;
  advisorCount: number;
  createdAt: string;
}

export interface CohortMember {
  userId: string;
  name: string;
  email: string;
  role: CohortMemberRole;
  joinedAt: string;
  /** false while the person has not accepted their invitation. */
  activated: boolean;
}

export interface CohortDetail extends CohortSummary {
  members: CohortMember[];
}

export interface CreateCohortRequest {
  name: string;
  startsOn?: string | null;
  endsOn?: string | null;
}

export interface UpdateCohortRequest {
  name?: string;
  startsOn?: string | null;
  endsOn?: string | null;
  archived?: boolean;
}

export interface AddCohortMembersRequest {
  userIds: string[];
  role: CohortMemberRole;
}

export interface AddCohortMembersResponse {
  added: number;
  /** Tasks created for new students from the cohort's live assignments. */
  tasksCreated: number;
}

/** One problem of one CSV line (line 1 is the header). */
export interface RosterRowError {
  line: number;
  email?: string;
  problems: string[];
}

export interface RosterImportReport {
  dryRun: boolean;
  /** true when every row is good (and, unless dryRun, everything was written). */
  ok: boolean;
  rows: number;
  errors: RosterRowError[];
  /** What was (or, on a dry run, would be) created. Zero everywhere when any row is bad. */
  created: { students: number; cohorts: number; memberships: number };
  /** Whether members of the file's cohorts who are not in the file are (or would be) removed from those cohorts. */
  removeMissing: boolean;
  /** Rows by outcome, and the memberships removed (or, on a dry run, to remove). */
  counts: RosterSyncCounts;
  /** One outcome per CSV row, in file order. */
  outcomes: RosterRowOutcome[];
  /** With removeMissing: the memberships that end (membership only; the person and their work stay). */
  removals: RosterRemoval[];
}

/** What a roster sync does with one row. */
export const ROSTER_ROW_RESULTS = ['added', 'updated', 'unchanged', 'error'] as const;
export type RosterRowResult = (typeof ROSTER_ROW_RESULTS)[number];

export interface RosterSyncCounts {
  added: number;
  updated: number;
  unchanged: number;
  error: number;
  removed: number;
}

export interface RosterRowOutcome {
  /** CSV line (line 1 is the header). */
  line: number;
  email: string;
  result: RosterRowResult;
  /** For `updated`: what changes, in words (e.g. `name: "Ana A." → "Ana Alves"`, `joins cohort "Fall 2026"`). */
  changes: string[];
  /** For `error`: the problems, each naming its column. */
  problems: string[];
}

export interface RosterRemoval {
  userId: string;
  name: string;
  email: string;
  cohortId: string;
  cohortName: string;
}

/** One roster import (web page or API token, dry run or applied) as the history shows it. */
export interface RosterImportRecord {
  id: string;
  occurredAt: string;
  /** Who ran it: a person, or an API token (the registrar's job). */
  by: { kind: 'user'; id: string; name: string } | { kind: 'api-token'; id: string; name: string };
  dryRun: boolean;
  removeMissing: boolean;
  /** true when every row was good (and, unless a dry run, it was applied). */
  ok: boolean;
  rows: number;
  counts: RosterSyncCounts;
  /** The first problems, one per line ("line 3: email: …"), when the file was refused. */
  errorSummary: string | null;
}

export interface RosterImportHistory {
  items: RosterImportRecord[];
}

export const ROSTER_COLUMNS = ['email', 'name', 'student_id', 'cohort'] as const;
export const ROSTER_MAX_ROWS = 10_000;
/** The largest roster file accepted (bytes). */
export const ROSTER_MAX_BYTES = 5 * 1024 * 1024;
