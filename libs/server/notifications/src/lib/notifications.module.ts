import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { PreferencesController } from './preferences.controller';
import { PreferencesService } from './preferences.service';
import { NotificationJobs } from './notification-jobs';
import { Reminders } from './reminders';
import { Mailer } from './mail/mailer';
import { EmailSender } from './mail/email-sender';

/** The in-app inbox and notification preferences (API). */
@Module({ controllers: [NotificationsController, PreferencesController], providers: [NotificationsService, PreferencesService] })
export class NotificationsModule {}

/** Notification, reminder and mail jobs; imported by the worker app only. */
@Module({ providers: [NotificationJobs, Reminders, Mailer, EmailSender], exports: [NotificationJobs, Reminders, EmailSender] })
export class NotificationJobsModule {}
