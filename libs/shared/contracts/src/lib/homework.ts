import type { InteractionKind } from './network';
import { URL_MAX_LENGTH } from './web-links';

/** The six homework categories: five reasons to network from the seed post, plus follow-up. */
export const TEMPLATE_CATEGORIES = ['gather-information', 'known-quantity', 'way-in', 'reciprocity', 'community', 'follow-up'] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<TemplateCategory, string> = {
  'gather-information': 'Gathering information',
  'known-quantity': 'Becoming a known quantity',
  'way-in': 'Finding a way in',
  reciprocity: 'Networking is reciprocal',
  community: 'The company you keep',
  'follow-up': 'Care and feeding of your network',
};

export const PROMPT_TYPES = ['short_text', 'long_text', 'date', 'choice', 'url', 'scale'] as const;
export type PromptType = (typeof PROMPT_TYPES)[number];

/** One typed field of a reflection. `key` is unique within a template (a-z, 0-9, _). */
export interface ReflectionPrompt {
  key: string;
  label: string;
  type: PromptType;
  required: boolean;
  help?: string;
  /** For `choice` only: the allowed answers. */
  options?: string[];
}

/**
 * How long an answer may be, per text prompt type: the API refuses longer
 * answers and the reflection form counts towards the same numbers.
 */
export const ANSWER_MAX_LENGTH = { short_text: 500, long_text: 10_000, url: URL_MAX_LENGTH } as const;

/** How long evidence may be: a link, or pasted text. */
export const EVIDENCE_MAX_LENGTH = { url: URL_MAX_LENGTH, text: 5_000 } as const;

export interface EvidenceRule {
  kind: 'none' | 'url' | 'text';
  required: boolean;
  /** What to show the student, e.g. "Link to your LinkedIn post". */
  label?: string;
}

export interface RubricLevel {
  label: string;
  points: number;
}

export interface RubricCriterion {
  key: string;
  label: string;
  levels: RubricLevel[];
}

export interface TemplateInput {
  title: string;
  category: TemplateCategory;
  /** Markdown. */
  instructions: string;
  prompts: ReflectionPrompt[];
  contactRequired: boolean;
  evidence: EvidenceRule;
  rubric: RubricCriterion[] | null;
  estimatedMinutes: number;
  /**
   * What a submitted reflection records on the linked contact's timeline
   * (informational interview, thank-you…); null or absent: by category.
   */
  interactionKind?: InteractionKind | null;
}

export interface Template extends TemplateInput {
  id: string;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

export type UpdateTemplateRequest = Partial<TemplateInput> & { archived?: boolean };

/**
 * Dates are the career center's: `dueOn` / `opensOn` are local calendar days
 * (YYYY-MM-DD) in the tenant's time zone — due at the end of that day
 * (23:59:59 local), open from its start. API clients may give instants
 * (`dueAt` / `opensAt`, ISO) instead.
 */
export interface CreateAssignmentRequest {
  templateId: string;
  /** Either a cohort (every student, and later joiners) … */
  cohortId?: string;
  /** … or chosen students. */
  studentIds?: string[];
  /** When the homework opens: a local day or an instant; neither means now. */
  opensOn?: string;
  opensAt?: string;
  /** Either a fixed due date (a local day, or an instant) … */
  dueOn?: string;
  dueAt?: string;
  /** … or a number of days after the student joined the cohort (rolling cohorts): the end of that local day. */
  dueDaysAfterJoin?: number;
  /** Assigning a template that is already live in the cohort answers 409 `duplicate_assignment` unless this is true. */
  allowDuplicate?: boolean;
}

export interface CreateAssignmentResponse {
  id: string;
  taskCount: number;
}

export interface TaskCounts {
  total: number;
  assigned: number;
  in_progress: number;
  submitted: number;
  revision_requested: number;
  approved: number;
  excused: number;
}

export interface AssignmentSummary {
  id: string;
  templateId: string;
  title: string;
  category: TemplateCategory;
  cohortId: string | null;
  cohortName: string | null;
  opensAt: string;
  /** The local day it opens, in the career center's time zone. */
  opensOn: string;
  dueAt: string | null;
  /** The local due day (null for a relative due date). */
  dueOn: string | null;
  dueDaysAfterJoin: number | null;
  archived: boolean;
  createdAt: string;
  progress: TaskCounts;
}

/** The assignment carries its own copy of the template: later template edits do not change assigned work. */
export interface Assignment extends AssignmentSummary {
  instructions: string;
  prompts: ReflectionPrompt[];
  contactRequired: boolean;
  evidence: EvidenceRule;
  rubric: RubricCriterion[] | null;
  estimatedMinutes: number;
  /** What a reflection records on the contact's timeline; null: by category. */
  interactionKind: InteractionKind | null;
}

export interface UpdateAssignmentRequest {
  opensOn?: string;
  opensAt?: string;
  dueOn?: string;
  dueAt?: string;
  dueDaysAfterJoin?: number;
  archived?: boolean;
}

export const TASK_STATUSES = ['assigned', 'in_progress', 'submitted', 'revision_requested', 'approved', 'excused'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * The statuses in which a task is still the student's to do (to do, in progress, needs revision):
 * the student may save and submit, lists count it as open, overdue or due soon.
 */
export const OPEN_TASK_STATUSES = ['assigned', 'in_progress', 'revision_requested'] as const satisfies readonly TaskStatus[];
export type OpenTaskStatus = (typeof OPEN_TASK_STATUSES)[number];

export function isOpenTaskStatus(status: string): status is OpenTaskStatus {
  return (OPEN_TASK_STATUSES as readonly string[]).includes(status);
}

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  assigned: 'To do',
  in_progress: 'In progress',
  submitted: 'Submitted',
  revision_requested: 'Needs revision',
  approved: 'Approved',
  excused: 'Excused',
};

/** Task list filters: the stored statuses plus derived views (open = to do, in progress or needs revision). */
export type TaskFilter = TaskStatus | 'open' | 'due_soon' | 'overdue';

export interface TaskSummary {
  id: string;
  assignmentId: string;
  title: string;
  category: TemplateCategory;
  student: { id: string; name: string };
  cohort: { id: string; name: string } | null;
  opensAt: string;
  /** The instant it is due for this student (an extension's date when one was granted). */
  dueAt: string;
  /** That instant's local day in the career center's time zone. */
  dueOn: string;
  /** A per-student extension, or null. */
  extension: TaskExtension | null;
  /** Why an excused task was excused. */
  excusedReason: string | null;
  status: TaskStatus;
  /** Open work due within 48 hours. */
  dueSoon: boolean;
  /** Open work past its due date. */
  overdue: boolean;
  /** Submitted after the due date. */
  late: boolean;
  submittedAt: string | null;
  approvedAt: string | null;
  updatedAt: string;
}

/** A per-student due-date override; the assignment's own date stays for reporting. */
export interface TaskExtension {
  /** The due date before the extension (the assignment's). */
  originalDueAt: string;
  originalDueOn: string;
  reason: string | null;
  grantedAt: string;
  grantedBy: { id: string; name: string } | null;
}

export type Answers = Record<string, string | number | null>;

export interface TaskDraft {
  answers: Answers;
  contactId: string | null;
  evidence: string | null;
  savedAt: string | null;
}

export interface TaskDetail extends TaskSummary {
  instructions: string;
  prompts: ReflectionPrompt[];
  contactRequired: boolean;
  evidence: EvidenceRule;
  rubric: RubricCriterion[] | null;
  estimatedMinutes: number;
  draft: TaskDraft;
}

export interface SaveDraftRequest {
  answers: Answers;
  contactId?: string | null;
  evidence?: string | null;
}
export type SubmitReflectionRequest = SaveDraftRequest;

export interface Review {
  id: string;
  decision: 'approve' | 'revise';
  comment: string | null;
  rubricScores: Record<string, number> | null;
  totalPoints: number | null;
  reviewer: { id: string; name: string };
  createdAt: string;
}

export interface Submission {
  id: string;
  version: number;
  answers: Answers;
  /** A snapshot: it survives the contact's deletion. */
  contact: { id: string | null; name: string; organization: string | null } | null;
  evidence: string | null;
  submittedAt: string;
  late: boolean;
  review: Review | null;
}

export interface ReviewRequest {
  decision: 'approve' | 'revise';
  comment?: string;
  /** Criterion key → points of the chosen level. */
  rubricScores?: Record<string, number>;
}

export interface ReviewQueueItem {
  taskId: string;
  submissionId: string;
  version: number;
  title: string;
  student: { id: string; name: string };
  cohort: { id: string; name: string } | null;
  submittedAt: string;
  dueAt: string;
  late: boolean;
}

export interface ExcuseTaskRequest {
  reason: string;
}
