/**
 * What Fieldwork tells people about. `invitation` is the only kind without a
 * preference (it goes to someone who has no account yet).
 */
export const NOTIFICATION_KINDS = [
  'invitation',
  'new_assignment',
  'due_date_changed',
  'due_soon',
  'overdue',
  'nonstarter_nudge',
  'nonstarter_escalation',
  'revision_requested',
  'submission_approved',
  'follow_up_due',
  'thank_you_due',
  'review_digest',
  'advisor_nudge',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How a user wants one kind: in the inbox and by e-mail now, in the inbox now and by e-mail in the 08:00 digest, or not at all. */
export const DELIVERY_MODES = ['immediately', 'digest', 'off'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export interface NotificationKindInfo {
  label: string;
  description: string;
  /** Who can receive it. */
  audience: 'student' | 'staff';
  /** False for kinds that are already a daily summary (no digest of a digest). */
  digestible: boolean;
}

/** The kinds a user can set a preference for, in the order settings shows them. */
export const NOTIFICATION_KIND_INFO: Record<Exclude<NotificationKind, 'invitation'>, NotificationKindInfo> = {
  new_assignment: { label: 'New homework', description: 'An advisor gives you new homework.', audience: 'student', digestible: true },
  due_date_changed: { label: 'Due date moved', description: 'The due date of your homework changes.', audience: 'student', digestible: true },
  due_soon: { label: 'Due soon', description: 'Homework you have not submitted is due within two days.', audience: 'student', digestible: true },
  overdue: { label: 'Overdue', description: 'Homework is past its due date and not submitted.', audience: 'student', digestible: true },
  nonstarter_nudge: { label: 'Not started yet', description: 'Half the time for homework is gone and you have not started.', audience: 'student', digestible: true },
  revision_requested: { label: 'Revision requested', description: 'Your advisor asks you to revise a reflection.', audience: 'student', digestible: true },
  submission_approved: { label: 'Reflection approved', description: 'Your advisor approves a reflection.', audience: 'student', digestible: true },
  follow_up_due: { label: 'Follow-up due', description: 'It is time to get back in touch with a contact.', audience: 'student', digestible: true },
  thank_you_due: { label: 'Thank-you due', description: 'Two days after an informational interview, if no thank-you is logged.', audience: 'student', digestible: true },
  advisor_nudge: { label: 'Notes from your advisor', description: 'Your advisor writes to you about a piece of homework.', audience: 'student', digestible: true },
  nonstarter_escalation: { label: 'Student not started', description: 'A student of your cohort still has not started homework after a second nudge.', audience: 'staff', digestible: true },
  review_digest: { label: 'Needs review (daily)', description: 'Each morning at 08:00, the reflections waiting for your review.', audience: 'staff', digestible: false },
};
export type PreferenceKind = keyof typeof NOTIFICATION_KIND_INFO;

export interface NotificationPreference {
  kind: PreferenceKind;
  label: string;
  description: string;
  mode: DeliveryMode;
  /** The modes this kind offers. */
  modes: DeliveryMode[];
}

export interface NotificationPreferences {
  /** The career center's time zone, in which the daily digest goes out at 08:00. */
  timezone: string;
  items: NotificationPreference[];
}

export interface UpdateNotificationPreferencesRequest {
  preferences: { kind: PreferenceKind; mode: DeliveryMode }[];
}

export interface Notification {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** A path inside the app, e.g. /tasks/<id>. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: Notification[];
  nextCursor: string | null;
  unreadCount: number;
}

/**
 * A user's secret calendar feed (ICS) of due dates. Only its hash is stored, so
 * the link is shown once: when it is made (the first visit, or a new link);
 * afterwards `url` is null and `createdAt` says since when it works.
 */
export interface CalendarLinkStatus {
  url: string | null;
  createdAt: string;
}

/** A link just made: its URL, shown this once. */
export interface CalendarLink extends CalendarLinkStatus {
  url: string;
}
