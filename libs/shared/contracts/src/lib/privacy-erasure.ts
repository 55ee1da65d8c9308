/** Deleting an account (issue 13 §2): a request, an admin's approval, the worker's erasure. */

export const DELETION_REQUEST_STATUSES = ['pending', 'approved', 'erasing', 'done', 'cancelled'] as const;
export type DeletionRequestStatus = (typeof DELETION_REQUEST_STATUSES)[number];

/** The longest reason a person may give. */
export const DELETION_REASON_MAX_LENGTH = 2000;

/** What a reflection shows where its contact was erased by its owner. */
export const CONTACT_REMOVED_LABEL = 'contact removed';

/** What happens on approval, in plain words (the admin page and the student's card show it). */
export const ERASURE_RULE_TEXT =
  'The name, e-mail, student id, password and calendar link are erased; the account can no longer sign in. ' +
  'Their contacts and interactions are deleted. Their homework stays only as anonymised counts: every answer, draft, ' +
  'evidence and contact name in it is removed. Other people’s messages and the audit log refer to them as “Deleted user #…”.';

export interface CreateDeletionRequest {
  /** Why (optional, shown to the admins; erased with the account). */
  reason?: string;
}

export interface CreateDeletionRequestResponse {
  id: string;
}

/** What erasing the account will remove, counted now. */
export interface DeletionImpact {
  tasks: number;
  reflections: number;
  contacts: number;
  interactions: number;
}

export interface DeletionRequestSummary {
  id: string;
  status: DeletionRequestStatus;
  /** The person to erase (after erasure: "Deleted user #…", no e-mail). */
  user: { id: string; name: string; email: string | null; role: string };
  /** Who asked: the person themselves, or the admin who started it. */
  requestedBy: { id: string; name: string };
  reason: string | null;
  createdAt: string;
  approvedAt: string | null;
  approvedBy: { id: string; name: string } | null;
  finishedAt: string | null;
  cancelledAt: string | null;
  /** For open requests: what will be erased, counted now; once done: what was erased. */
  impact: DeletionImpact;
  /** The rule, in words. */
  rule: string;
}

export interface DeletionRequestList {
  items: DeletionRequestSummary[];
}

/** The caller's own open (or latest) request, or none. */
export interface MyDeletionRequest {
  request: DeletionRequestSummary | null;
}
