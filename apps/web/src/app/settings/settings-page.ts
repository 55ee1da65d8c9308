import { ChangeDetectionStrategy, Component } from '@angular/core';
import { CalendarFeed } from './calendar-feed';

/** Any tenant user: their own settings (for now, the calendar feed). */
@Component({
  selector: 'app-settings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CalendarFeed],
  template: `
    <div class="page-header">
      <h1>Settings</h1>
      <p class="lead">Settings for your own account.</p>
    </div>

    <section class="card" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">Calendar</h2>
      <app-calendar-feed />
    </section>
  `,
})
export class SettingsPage {}
