import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { AuthService } from '@fieldwork/web-core';
import { CalendarFeed } from './calendar-feed';
import { CareerCenterSettings } from './career-center-settings';
import { NotificationPreferencesCard } from './notification-preferences';
import { MyDataCard } from './my-data/my-data';
import { DeleteAccountCard } from './delete-account/delete-account';
// ↑ sso settings imports (issue 10): add yours above this line
import { TwoStepCard } from './mfa/two-step-card';
// ↑ passwords-mfa settings imports (issue 10): add yours above this line
// ↑ roster-sync settings imports (issue 10): add yours above this line
// ↑ scale settings imports (issue 12): add yours above this line

/** Any tenant user: their own settings (the calendar feed, how they hear about things); admins: the career center's zone. */
@Component({
  selector: 'app-settings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CalendarFeed,
    NotificationPreferencesCard,
    CareerCenterSettings,
    MyDataCard,
    DeleteAccountCard,
    // ↑ sso settings components (issue 10): add yours above this line
    TwoStepCard,
    // ↑ passwords-mfa settings components (issue 10): add yours above this line
    // ↑ roster-sync settings components (issue 10): add yours above this line
    // ↑ scale settings components (issue 12): add yours above this line
  ],
  template: `
    <div class="page-header">
      <h1>Settings</h1>
      <p class="lead">Settings for your own account{{ admin() ? ' and your career center' : '' }}.</p>
    </div>

    <section class="card" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">Calendar</h2>
      <app-calendar-feed />
    </section>

    <section class="card" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">Notifications</h2>
      <app-notification-preferences />
    </section>

    @if (admin()) {
      <section class="card" aria-labelledby="career-center-heading">
        <h2 id="career-center-heading">Career center</h2>
        <app-career-center-settings />
      </section>
    }
    <section class="card" aria-labelledby="my-data-heading">
      <h2 id="my-data-heading">Your data</h2>
      <app-my-data />
    </section>
    <section class="card" aria-labelledby="delete-account-heading">
      <h2 id="delete-account-heading">Delete my account</h2>
      <app-delete-account />
    </section>
    <!-- ↑ sso settings sections (issue 10): add yours above this line -->
    <section class="card" aria-labelledby="two-step-heading">
      <h2 id="two-step-heading">Two-step sign-in</h2>
      <app-two-step-card />
    </section>
    <!-- ↑ passwords-mfa settings sections (issue 10): add yours above this line -->
    <!-- ↑ roster-sync settings sections (issue 10): add yours above this line -->
    <!-- ↑ scale settings sections (issue 12): add yours above this line -->
  `,
})
export class SettingsPage {
  private readonly auth = inject(AuthService);
  protected readonly admin = computed(() => this.auth.role() === 'admin');
}
