import type { TaskStatus, TemplateCategory } from './homework';

/**
 * The advisor's loop: who has done what (the gradebook), and acting on it —
 * nudges, extensions, excusals. Every date is the career center's: `dueOn` is
 * a local day in the tenant's time zone, `dueAt` the instant it ends.
 */

/**
 * A gradebook cell's status. `not_started` = to do, `needs_revision` = revision
 * requested; `overdue` = open work (to do, in progress or needs revision) past
 * its due date — it takes the place of the open status in the cell.
 */
export const GRADEBOOK_STATUSES = ['not_started', 'in_progress', 'submitted', 'needs_revision', 'approved', 'overdue', 'excused'] as const;
export type GradebookStatus = (typeof GRADEBOOK_STATUSES)[number];

export const GRADEBOOK_STATUS_LABELS: Record<GradebookStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  submitted: 'Submitted',
  needs_revision: 'Needs revision',
  approved: 'Approved',
  overdue: 'Overdue',
  excused: 'Excused',
};

/** Students per gradebook page: at most this many. */
export const GRADEBOOK_MAX_LIMIT = 200;

export interface GradebookQuery {
  /** With `status`: only students whose task for this assignment has that status. */
  assignmentId?: string;
  /**
   * `not_started` matches every task still to do (overdue or not), `overdue` every
   * open task past due; the others match the stored status.
   */
  status?: GradebookStatus;
  /** Name, e-mail or student id contains. */
  q?: string;
  cursor?: string;
  limit?: number;
}

export interface GradebookAssignment {
  id: string;
  title: string;
  category: TemplateCategory;
  dueOn: string | null;
  dueAt: string | null;
  dueDaysAfterJoin: number | null;
}

export interface GradebookCell {
  assignmentId: string;
  taskId: string;
  status: GradebookStatus;
  /** The stored task status (`overdue` is derived from it and the due date). */
  taskStatus: TaskStatus;
  /** First submitted after the due date. */
  late: boolean;
  /** The due date was extended for this student. */
  extended: boolean;
  submittedAt: string | null;
  dueAt: string;
  dueOn: string;
  /** The last nudge about this homework, if any. */
  lastNudgedAt: string | null;
}

export interface GradebookStudent {
  id: string;
  name: string;
  email: string;
  studentId: string | null;
  /** One cell per assignment the student has a task for, in the order of `assignments`. */
  cells: GradebookCell[];
}

export interface Gradebook {
  cohort: { id: string; name: string };
  timezone: string;
  /** The cohort's live assignments, by due date. */
  assignments: GradebookAssignment[];
  students: GradebookStudent[];
  /** Students matching the filter (all pages). */
  totalStudents: number;
  nextCursor: string | null;
}

/** Either chosen students, or every student whose task for the assignment has `status`. */
export interface NudgeRequest {
  assignmentId: string;
  studentIds?: string[];
  status?: GradebookStatus;
  /** The advisor's own words, 1–2,000 characters. */
  message: string;
  /** A student nudged about this homework in the last 24 hours answers 409 `recently_nudged` unless this is true. */
  allowRepeat?: boolean;
}

export interface NudgeResponse {
  id: string;
  recipients: number;
}

export const NUDGE_MESSAGE_MAX = 2_000;
export const EXTENSION_REASON_MAX = 1_000;

/** A new due date for one student's task: a local day, or an instant. */
export interface ExtensionRequest {
  dueOn?: string;
  dueAt?: string;
  reason?: string;
}

/** The same for several students of a cohort's assignment. */
export interface BulkExtensionRequest extends ExtensionRequest {
  assignmentId: string;
  studentIds: string[];
}

export interface BulkExcuseRequest {
  assignmentId: string;
  studentIds: string[];
  reason: string;
}

export interface BulkResult {
  /** Tasks changed. */
  count: number;
}

/** The advisor's home: what needs them now. */
export interface AdvisorAttention {
  /** Reflections waiting for their review (in cohorts they advise; admins: all). */
  reviewsWaiting: number;
  oldestWaitingSince: string | null;
  /** Homework due within 7 days that some students have not started. */
  notStartedDueSoon: {
    cohortId: string;
    cohortName: string;
    assignmentId: string;
    title: string;
    dueOn: string;
    dueAt: string;
    notStarted: number;
  }[];
}
