import { ChangeDetectionStrategy, Component } from '@angular/core';
import { CalendarFeed } from './calendar-feed';
import { NotificationPreferencesCard } from './notification-preferences';

/** Any tenant user: their own settings (the calendar feed, how they hear about things). */
@Component({
  selector: 'app-settings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CalendarFeed, NotificationPreferencesCard],
  template: `
    <div class="page-header">
      <h1>Settings</h1>
      <p class="lead">Settings for your own account.</p>
    </div>

    <section class="card" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">Calendar</h2>
      <app-calendar-feed />
    </section>

    <section class="card" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">Notifications</h2>
      <app-notification-preferences />
    </section>
  `,
})
export class SettingsPage {}
