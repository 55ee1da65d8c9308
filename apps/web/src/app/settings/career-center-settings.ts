import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, output, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, FormBuilder, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  RETENTION_MONTHS,
  describeRetentionCounts,
  type RetentionPolicy,
  type RetentionPreview,
  type TenantSettings,
} from '@fieldwork/contracts';
import { AuthService, RetentionService, TenantSettingsService, TenantTime, formatInZone, isTimeZone, readApiError } from '@fieldwork/web-core';
import { ErrorMessages, FwAlert, FwControl, FwField, FwSubmitActions } from '@fieldwork/web-ui';
import { Subscription, map } from 'rxjs';
import { timeZoneOptions } from '../tenants/time-zones';

type RetentionField = keyof RetentionPolicy;

const MONTHS_MESSAGE = `Enter a whole number of months from ${RETENTION_MONTHS.min} to ${RETENTION_MONTHS.max}.`;

/** Months are whole: 1.5 is refused like the API refuses it. */
function wholeNumber(control: AbstractControl<number | null>): ValidationErrors | null {
  return control.value === null || Number.isInteger(control.value) ? null : { wholeNumber: true };
}

function timeZoneValidator(control: AbstractControl<string>): ValidationErrors | null {
  return isTimeZone(control.value.trim()) ? null : { timeZone: true };
}

const RETENTION_FIELDS: { key: RetentionField; label: string; hint: string }[] = [
  {
    key: 'reflectionsMonths',
    label: 'Reflections and students’ contacts',
    hint: 'Months after a cohort ends. Then its reflections are blanked (the counts on the dashboards stay) and, once a student’s last cohort has ended, their contacts and conversations are deleted.',
  },
  {
    key: 'accountsMonths',
    label: 'Inactive student accounts',
    hint: 'Months after a student’s last cohort ends, if they have not been active since. Then the account is erased.',
  },
  { key: 'auditMonths', label: 'Audit log', hint: 'Months an audit event is kept.' },
];

/**
 * Admin: how long the career center keeps data (three periods in months), and what the next daily
 * run would delete — "Next run: nothing to delete. In 30 days: 212 accounts, 3,140 reflections".
 */
@Component({
  selector: 'app-retention-settings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ReactiveFormsModule, FwField, FwControl, FwSubmitActions],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="save()" novalidate aria-labelledby="retention-heading">
      <h3 id="retention-heading">Data retention</h3>
      <p class="hint">
        A daily run deletes what is past these periods. Students read them on the
        <a routerLink="/privacy">privacy page</a>.
      </p>
      @for (f of fields; track f.key) {
        <fw-field [label]="f.label + ' (months)'" [hint]="f.hint" [messages]="monthsMessages" [error]="serverErrors()[f.key]">
          <input
            fwControl
            [id]="'retention-' + f.key"
            [formControlName]="f.key"
            type="number"
            inputmode="numeric"
            [min]="limits.min"
            [max]="limits.max"
            step="1"
            (input)="edited(f.key)"
          />
        </fw-field>
      }
      <fw-submit-actions label="Save retention periods" [pending]="saving()" [disabled]="!changed()" />
      <p class="status-line" role="status" id="retention-status">{{ status() }}</p>
    </form>
    <div class="retention-preview" aria-live="polite" id="retention-preview">
      @if (previewError(); as message) {
        <p>{{ message }} <button type="button" class="button button--secondary button--small" (click)="loadPreview()">Try again</button></p>
      } @else if (preview(); as p) {
        <p><strong>Next run</strong> ({{ time.format(p.nextRunAt) }}): {{ describe(p.nextRun) }}.</p>
        <p><strong>In 30 days</strong> ({{ time.format(p.inThirtyDaysAt) }}): {{ describe(p.inThirtyDays) }}.</p>
      } @else {
        <p>Counting what the next run would delete…</p>
      }
    </div>
  `,
})
export class RetentionSettings {
  private readonly api = inject(TenantSettingsService);
  private readonly retention = inject(RetentionService);
  protected readonly time = inject(TenantTime);
  private previewRequest: Subscription | null = null;

  readonly settings = input.required<TenantSettings>();
  readonly saved = output<TenantSettings>();

  protected readonly fields = RETENTION_FIELDS;
  protected readonly limits = RETENTION_MONTHS;
  protected readonly monthsMessages: ErrorMessages = Object.fromEntries(
    ['required', 'min', 'max', 'wholeNumber'].map((key) => [key, MONTHS_MESSAGE]),
  );
  private readonly monthsControl = () =>
    new FormControl<number | null>(null, [
      Validators.required,
      Validators.min(RETENTION_MONTHS.min),
      Validators.max(RETENTION_MONTHS.max),
      wholeNumber,
    ]);
  protected readonly form = new FormGroup({
    reflectionsMonths: this.monthsControl(),
    accountsMonths: this.monthsControl(),
    auditMonths: this.monthsControl(),
  });
  private readonly values = toSignal(this.form.valueChanges, { initialValue: this.form.value });
  /** The API's refusals, per field; a field's goes away when it is edited. */
  protected readonly serverErrors = signal<Partial<Record<RetentionField, string>>>({});
  protected readonly status = signal('');
  protected readonly saving = signal(false);
  protected readonly preview = signal<RetentionPreview | null>(null);
  protected readonly previewError = signal<string | null>(null);
  protected readonly changed = computed(() => {
    const current = this.settings().retention;
    return RETENTION_FIELDS.some((f) => this.values()[f.key] !== current[f.key]);
  });
  protected readonly describe = describeRetentionCounts;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.previewRequest?.unsubscribe());
    effect(() => this.form.setValue({ ...this.settings().retention }));
    this.loadPreview();
  }

  loadPreview(): void {
    this.previewError.set(null);
    this.previewRequest?.unsubscribe();
    this.previewRequest = this.retention.preview().subscribe({
      next: (preview) => this.preview.set(preview),
      error: (err: unknown) => this.previewError.set(readApiError(err, 'Could not count what the next run would delete.').message),
    });
  }

  /** Editing a field takes back the API's refusal of it and the last status. */
  protected edited(key: RetentionField): void {
    this.serverErrors.update((e) => ({ ...e, [key]: undefined }));
    this.status.set('');
  }

  protected save(): void {
    if (this.saving() || !this.changed() || this.form.invalid) return;
    const next = this.form.getRawValue() as RetentionPolicy;
    this.saving.set(true);
    this.api.update({ retention: next }).subscribe({
      next: (settings) => {
        this.saving.set(false);
        this.status.set('Saved. The next daily run uses these periods.');
        this.saved.emit(settings);
        this.loadPreview();
      },
      error: (err: unknown) => {
        this.saving.set(false);
        const problem = readApiError(err, 'Could not save the retention periods.');
        const fieldProblems: Partial<Record<RetentionField, string>> = {};
        for (const f of RETENTION_FIELDS) {
          const message = problem.fieldErrors[`retention.${f.key}`] ?? problem.fieldErrors[f.key];
          if (message) fieldProblems[f.key] = message;
        }
        this.serverErrors.set(fieldProblems);
        if (!Object.keys(fieldProblems).length) this.status.set(problem.message);
      },
    });
  }
}

/** Admin: the career center's time zone — every due date is the end of a day there — and its retention periods. */
@Component({
  selector: 'app-career-center-settings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RetentionSettings, ReactiveFormsModule, FwField, FwControl, FwAlert, FwSubmitActions],
  template: `
    @if (loadError(); as message) {
      <fw-alert kind="error" retryable (retry)="load()">{{ message }}</fw-alert>
    } @else if (settings(); as s) {
      <form class="form" [formGroup]="form" (ngSubmit)="save()" novalidate>
        <fw-field label="Time zone" [hint]="zoneHint()" [messages]="zoneMessages" [error]="error()">
          @if (zones(); as list) {
            <select id="tenant-timezone" fwControl formControlName="zone">
              @for (z of list; track z) {
                <option [value]="z">{{ z }}</option>
              }
            </select>
          } @else {
            <input id="tenant-timezone" fwControl formControlName="zone" type="text" autocomplete="off" />
          }
        </fw-field>
        <fw-submit-actions label="Save time zone" [pending]="saving()" [disabled]="zone() === s.timezone" />
        <p class="status-line" role="status" id="tenant-settings-status">{{ status() }}</p>
      </form>
      <app-retention-settings [settings]="s" (saved)="settings.set($event)" />
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
  protected readonly form = inject(FormBuilder).nonNullable.group({ zone: ['', timeZoneValidator] });
  protected readonly zoneMessages: ErrorMessages = { timeZone: 'Choose a time zone such as America/New_York.' };
  protected readonly zone = toSignal(this.form.controls.zone.valueChanges.pipe(map((zone) => zone.trim())), { initialValue: '' });
  protected readonly loadError = signal<string | null>(null);
  /** The API's refusal of the zone; editing the zone takes it back. */
  protected readonly error = signal<string | null>(null);
  protected readonly status = signal('');
  protected readonly saving = signal(false);
  protected readonly zones = computed(() => timeZoneOptions(this.settings()?.timezone));
  /** "Dec 10, 3:04 PM": the time now in the chosen zone. */
  protected readonly sample = computed(() => (isTimeZone(this.zone()) ? formatInZone(new Date(), this.zone(), { viewerZone: this.zone() }) : '—'));
  protected readonly zoneHint = computed(
    () =>
      `Homework is due at the end of its day in this zone (it is now ${this.sample()} there). Changing it keeps every ` +
      'open task’s local due day and time.',
  );

  constructor() {
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
    this.form.controls.zone.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.error.set(null);
      this.status.set('');
    });
    this.load();
  }

  protected load(): void {
    this.loadError.set(null);
    this.request?.unsubscribe();
    this.request = this.api.get().subscribe({
      next: (settings) => {
        this.settings.set(settings);
        this.form.setValue({ zone: settings.timezone });
      },
      error: (err: unknown) => this.loadError.set(readApiError(err, 'Could not load the career center’s settings.').message),
    });
  }

  protected save(): void {
    const current = this.settings();
    const zone = this.zone();
    if (!current || this.saving() || zone === current.timezone || this.form.invalid) return;
    this.saving.set(true);
    this.api.update({ timezone: zone }).subscribe({
      next: (settings) => {
        this.saving.set(false);
        this.settings.set(settings);
        this.form.setValue({ zone: settings.timezone });
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
