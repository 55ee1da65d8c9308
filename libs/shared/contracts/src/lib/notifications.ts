export const NOTIFICATION_KINDS = ['new_assignment'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

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

/** A user's secret calendar feed (ICS) of due dates. */
export interface CalendarLink {
  url: string;
}
