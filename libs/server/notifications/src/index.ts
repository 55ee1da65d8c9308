export * from './lib/notifications.module';
export * from './lib/notification-jobs';
