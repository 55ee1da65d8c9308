import type { RetentionPolicy } from './privacy-retention';
import type { TaskStatus } from './homework';

/**
 * Dashboards: `GET /api/dashboards/overview` (admin: the whole career center;
 * advisor: the cohorts they advise; `cohortId` narrows either to one cohort) and
 * `GET /api/dashboards/cohorts/:id`.
 *
 * Date range (`from`, `to`: ISO dates `YYYY-MM-DD`, inclusive, read as days in the
 * career center's time zone; `from` ≤ `to`, at most 366 days apart):
 * - funnel, per-cohort and per-assignment numbers count the tasks **due** in the
 *   range; without a range they count every task;
 * - the weekly trend covers the weeks (Monday to Sunday) that overlap the range;
 *   without a range, the 12 weeks ending this week;
 * - at-risk students, caseload, review backlog and network numbers are the state
 *   now, whatever the range.
 * Archived assignments and excused tasks leave the numbers. Scope is by cohort:
 * work assigned to chosen students outside any cohort counts only in the admin's
 * whole-career-center overview.
 */
export interface DashboardQuery {
  from?: string;
  to?: string;
  cohortId?: string;
}

export interface DashboardRange {
  /** Inclusive ISO dates, or null when the numbers cover all due dates. */
  from: string | null;
  to: string | null;
  timezone: string;
}

/** Counts of tasks and their share of `assigned` (0–1, null when nothing is assigned). */
export interface CompletionFunnel {
  /** Tasks given (excused ones left out). */
  assigned: number;
  /** Tasks the student opened a draft on or went further with. */
  started: number;
  /** Tasks submitted at least once. */
  submitted: number;
  /** Tasks approved. */
  approved: number;
  startedRate: number | null;
  submittedRate: number | null;
  approvedRate: number | null;
}

export interface AssignmentStats {
  assignmentId: string;
  title: string;
  cohort: { id: string; name: string } | null;
  /** The earliest and latest due time of its counted tasks. */
  dueFrom: string;
  dueTo: string;
  assigned: number;
  submitted: number;
  approved: number;
  /** approved / assigned (null when nothing is assigned). */
  completionRate: number | null;
  /** First submissions on or before the due time, and after it. */
  onTime: number;
  late: number;
  /** Open tasks (not submitted, or sent back for revision) whose due time has passed. */
  overdueNow: number;
  /** Waiting for review now. */
  awaitingReview: number;
  /** Median whole days from the task opening to its first submission (the lower median), null when none. */
  medianDaysToSubmit: number | null;
}

export interface CohortStats extends CompletionFunnel {
  cohortId: string;
  name: string;
  students: number;
  overdueNow: number;
  awaitingReview: number;
}

export interface AtRiskStudent {
  id: string;
  name: string;
  lastActivityAt: string;
  /** Whole days since the last activity. */
  inactiveDays: number;
  /** Open tasks of live assignments past their due time. */
  overdueTasks: number;
  reasons: ('inactive' | 'overdue')[];
}

export interface AtRiskList {
  /** The tenant setting: no activity in this many days makes a student at risk. */
  inactiveDays: number;
  /** Longest inactive first, at most 50. */
  students: AtRiskStudent[];
  /** More students are at risk than listed. */
  more: boolean;
}

export interface AdvisorCaseload {
  advisorId: string;
  name: string;
  cohorts: number;
  /** Student places in their cohorts (a student in two of them counts twice). */
  students: number;
  awaitingReview: number;
  oldestWaitingSince: string | null;
}

export interface BacklogItem {
  taskId: string;
  title: string;
  student: { id: string; name: string };
  cohort: { id: string; name: string } | null;
  submittedAt: string;
}

export interface ReviewBacklog {
  /** Submissions waiting for review in scope. */
  waiting: number;
  oldestWaitingSince: string | null;
  /** Oldest waiting first, at most 10. */
  oldest: BacklogItem[];
}

export interface SectorCount {
  /** The sector as students typed it; "" when they gave none. */
  sector: string;
  contacts: number;
}

/** Counts only: never a contact's name. */
export interface NetworkGrowth {
  students: number;
  contacts: number;
  /** Logged interactions other than introductions. */
  conversations: number;
  introductions: number;
  contactsPerStudent: number | null;
  conversationsPerStudent: number | null;
  introductionsPerStudent: number | null;
  /** Most contacts first, at most 12. */
  sectors: SectorCount[];
}

export interface WeeklyPoint {
  /** The Monday of the week (ISO date). */
  week: string;
  submissions: number;
  approvals: number;
}

export interface DashboardScope {
  kind: 'tenant' | 'advisor' | 'cohort';
  cohortIds: string[];
}

/**
 * How many cohorts and advisors a dashboard lists: a career center of a hundred cohorts sees the
 * ones that need it first, and picks a cohort (or opens Cohorts) for the rest.
 */
export const DASHBOARD_LIST_LIMIT = 12;

export interface Dashboard {
  scope: DashboardScope;
  range: DashboardRange;
  funnel: CompletionFunnel;
  /**
   * The cohorts in scope furthest behind first: the lowest share of counted tasks submitted,
   * then approved (cohorts with nothing counted last, then by name). At most
   * DASHBOARD_LIST_LIMIT; `cohortsInScope` counts them all.
   */
  cohorts: CohortStats[];
  cohortsInScope: number;
  /** Assignments with counted tasks, latest due first; at most 50 on the overview. */
  assignments: AssignmentStats[];
  atRisk: AtRiskList;
  /**
   * The advisors of the cohorts in scope, most submissions waiting for review first (then by
   * name). At most DASHBOARD_LIST_LIMIT; `advisorsInScope` counts them all.
   */
  caseload: AdvisorCaseload[];
  advisorsInScope: number;
  backlog: ReviewBacklog;
  network: NetworkGrowth;
  weekly: WeeklyPoint[];
  generatedAt: string;
}

export interface CohortDashboard extends Dashboard {
  cohort: { id: string; name: string };
}

/** `GET /api/students/:id`: the staff view of one student (admin, or an advisor of one of their cohorts). */
export interface StudentProfile {
  id: string;
  name: string;
  email: string;
  studentId: string | null;
  active: boolean;
  cohorts: { id: string; name: string; joinedAt: string }[];
  tasks: StudentTask[];
  /** Counts only; shared contacts are listed on the contacts endpoint. */
  network: { contacts: number; sharedContacts: number; conversations: number; introductions: number };
  lastActivityAt: string | null;
}

export interface StudentTask {
  id: string;
  title: string;
  status: TaskStatus;
  cohort: { id: string; name: string } | null;
  dueAt: string;
  overdue: boolean;
  submittedAt: string | null;
  approvedAt: string | null;
  archived: boolean;
}

/** `GET|PATCH /api/tenant/settings` (admin). */
export interface TenantSettings {
  atRiskInactiveDays: number;
  /**
   * The career center's IANA time zone. Changing it keeps every open task's
   * local due day and time (the instants move) and is audited.
   */
  timezone: string;
  /** How long reflections, contacts, inactive accounts and audit events are kept (months); see privacy-retention.ts. */
  retention: RetentionPolicy;
}
