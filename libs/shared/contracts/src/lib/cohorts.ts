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
}

export const ROSTER_COLUMNS = ['email', 'name', 'student_id', 'cohort'] as const;
export const ROSTER_MAX_ROWS = 10_000;
/** The largest roster file accepted (bytes). */
export const ROSTER_MAX_BYTES = 5 * 1024 * 1024;
