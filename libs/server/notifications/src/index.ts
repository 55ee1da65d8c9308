export * from './lib/notifications.module';
export * from './lib/notification-jobs';
export * from './lib/reminders';
export * from './lib/notification-writer';
export { preferencesOf, type PreferenceRow } from './lib/notifications.queries';
export * from './lib/mail/email-sender';
export * from './lib/mail/templates';
