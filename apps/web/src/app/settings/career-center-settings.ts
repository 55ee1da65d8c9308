import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import type { TenantSettings } from '@fieldwork/contracts';
import { AuthService, TenantSettingsService, formatInZone, isTimeZone, readApiError } from '@fieldwork/web-core';
import { Subscription } from 'rxjs';
import { timeZoneOptions } from '../tenants/time-zones';

/** Admin: the career center's time zone — every due date is the end of a day there. */
@Component({
  selector: 'app-career-center-settings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (loadError(); as message) {
      <div class="alert alert--error" role="alert">
        <p>{{ message }}</p>
        <p><button type="button" class="button button--secondary button--small" (click)="load()">Try again</button></p>
      </div>
    } @else if (settings(); as s) {
      <form class="form" (submit)="$event.preventDefault(); save()" novalidate>
        <div class="field">
          <label for="tenant-timezone">Time zone</label>
          @if (zones(); as list) {
            <select
              id="tenant-timezone"
              (change)="choose($event)"
              [attr.aria-invalid]="error() ? true : null"
              [attr.aria-describedby]="error() ? 'tenant-timezone-hint tenant-timezone-error' : 'tenant-timezone-hint'"
            >
              @for (z of list; track z) {
                <option [value]="z" [selected]="z === zone()">{{ z }}</option>
              }
            </select>
          } @else {
            <input
              id="tenant-timezone"
              type="text"
              autocomplete="off"
              [value]="zone()"
              (input)="choose($event)"
              [attr.aria-invalid]="error() ? true : null"
              [attr.aria-describedby]="error() ? 'tenant-timezone-hint tenant-timezone-error' : 'tenant-timezone-hint'"
            />
          }
          <p class="hint" id="tenant-timezone-hint">
            Homework is due at the end of its day in this zone (it is now {{ sample() }} there). Changing it keeps every
            open task’s local due day and time.
          </p>
          @if (error(); as message) {
            <p class="field-error" id="tenant-timezone-error">{{ message }}</p>
          }
        </div>
        <div class="form-actions">
          <button type="submit" class="button" [attr.aria-disabled]="saving() || zone() === s.timezone ? true : null">
            {{ saving() ? 'Saving…' : 'Save time zone' }}
          </button>
        </div>
        <p class="status-line" role="status" id="tenant-settings-status">{{ status() }}</p>
      </form>
    } @else {
      <p class="status-line" role="status">Loading…</p>
    }
  `,
})
export class CareerCenterSettings {
  private readonly api = inject(TenantSettingsService);
  private readonly auth = inject(AuthService);
  private request: Subscription | null = null;

  protected readonly settings = signal<TenantSettings | null>(null);
  protected readonly zone = signal('');
  protected readonly loadError = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly status = signal('');
  protected readonly saving = signal(false);
  protected readonly zones = computed(() => timeZoneOptions(this.settings()?.timezone));
  /** "Dec 10, 3:04 PM": the time now in the chosen zone. */
  protected readonly sample = computed(() => (isTimeZone(this.zone()) ? formatInZone(new Date(), this.zone(), { viewerZone: this.zone() }) : '—'));

  constructor() {
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
    this.load();
  }

  protected load(): void {
    this.loadError.set(null);
    this.request?.unsubscribe();
    this.request = this.api.get().subscribe({
      next: (settings) => {
        this.settings.set(settings);
        this.zone.set(settings.timezone);
      },
      error: (err: unknown) => this.loadError.set(readApiError(err, 'Could not load the career center’s settings.').message),
    });
  }

  protected choose(event: Event): void {
    this.zone.set((event.target as HTMLInputElement | HTMLSelectElement).value.trim());
    this.error.set(null);
    this.status.set('');
  }

  protected save(): void {
    const current = this.settings();
    const zone = this.zone();
    if (!current || this.saving() || zone === current.timezone) return;
    if (!isTimeZone(zone)) {
      this.error.set('Choose a time zone such as America/New_York.');
      return;
    }
    this.saving.set(true);
    this.api.update({ timezone: zone }).subscribe({
      next: (settings) => {
        this.saving.set(false);
        this.settings.set(settings);
        this.zone.set(settings.timezone);
        this.status.set(`Saved. Dates now show in ${settings.timezone}; open tasks keep their local due days.`);
        // Every screen reads the zone from the signed-in user: reload it.
        this.auth.loadMe().subscribe({ error: () => undefined });
      },
      error: (err: unknown) => {
        this.saving.set(false);
        const problem = readApiError(err, 'Could not save the time zone.');
        this.error.set(problem.fieldErrors['timezone'] ?? problem.message);
      },
    });
  }
}
