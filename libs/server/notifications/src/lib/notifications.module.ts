import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { NotificationJobs } from './notification-jobs';

/** The in-app inbox (API). */
@Module({ controllers: [NotificationsController], providers: [NotificationsService] })
export class NotificationsModule {}

/** Notification jobs; imported by the worker app only. */
@Module({ providers: [NotificationJobs], exports: [NotificationJobs] })
export class NotificationJobsModule {}
