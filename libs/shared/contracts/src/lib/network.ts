import type { TemplateCategory } from './homework';

export const INTERACTION_KINDS = ['informational_interview', 'thank_you', 'shared_article', 'introduction', 'follow_up', 'event', 'other'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const INTERACTION_LABELS: Record<InteractionKind, string> = {
  informational_interview: 'Informational interview',
  thank_you: 'Thank-you note',
  shared_article: 'Shared an article',
  introduction: 'Introduction',
  follow_up: 'Follow-up',
  event: 'Event',
  other: 'Other',
};

export interface ContactInput {
  name: string;
  organization?: string | null;
  role?: string | null;
  sector?: string | null;
  howMet?: string | null;
  email?: string | null;
  linkedinUrl?: string | null;
  tags?: string[];
  notes?: string | null;
  /** The follow-up cadence; the clock restarts at every logged interaction. */
  followUpEveryDays?: number | null;
  /** Shared contacts are visible to the student's advisors; unshared ones never are. */
  sharedWithAdvisors?: boolean;
}

export interface Contact {
  id: string;
  name: string;
  organization: string | null;
  role: string | null;
  sector: string | null;
  howMet: string | null;
  email: string | null;
  linkedinUrl: string | null;
  tags: string[];
  notes: string | null;
  followUpEveryDays: number | null;
  sharedWithAdvisors: boolean;
  lastInteractionAt: string | null;
  nextFollowUpAt: string | null;
  /** nextFollowUpAt has passed. */
  followUpDue: boolean;
  interactionCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface Interaction {
  id: string;
  contactId: string;
  kind: InteractionKind;
  occurredAt: string;
  notes: string | null;
  taskId: string | null;
  /** Recorded by a submitted reflection of this homework (updated when it is resubmitted). */
  fromHomework: { taskId: string; title: string } | null;
  createdAt: string;
}

/** The interaction a reflection records when the template names none: by the homework's category. */
export const CATEGORY_INTERACTION_KIND: Record<TemplateCategory, InteractionKind> = {
  'gather-information': 'informational_interview',
  'known-quantity': 'follow_up',
  'way-in': 'informational_interview',
  reciprocity: 'shared_article',
  community: 'event',
  'follow-up': 'follow_up',
};

export interface LogInteractionRequest {
  kind: InteractionKind;
  occurredAt: string;
  notes?: string | null;
  taskId?: string | null;
}

export interface ContactListQuery {
  q?: string;
  /** Only contacts whose follow-up is due. */
  followUpDue?: boolean;
  cursor?: string;
  limit?: number;
}
