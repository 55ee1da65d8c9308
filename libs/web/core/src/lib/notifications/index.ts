// The in-app inbox, the header's unread count, notification preferences, the
// private calendar feed, and the operators' queue dashboard session.
export * from './notifications.service';
export * from './notification-preferences.service';
export * from './calendar-feed.service';
export * from './queue-dashboard.service';
export * from './relative-time';
