// The in-app inbox, the header's unread count, and the private calendar feed.
export * from './notifications.service';
export * from './calendar-feed.service';
export * from './relative-time';
