import { ChangeDetectionStrategy, Component, inject, signal, viewChild } from '@angular/core';
import { FormBuilder, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { CreateTenantResponse, TenantSummary } from '@fieldwork/contracts';
import { TenantsService, formatInZone, readApiError } from '@fieldwork/web-core';
import {
  ErrorMessages,
  FwAlert,
  FwControl,
  FwDataTable,
  FwField,
  FwRow,
  FwSubmitActions,
  formSubmit,
  minLengthMessage,
  pageFocus,
} from '@fieldwork/web-ui';
import { InviteLink } from '../shared/invite-link';
import { QueueDashboardButton } from './queue-dashboard-button';
import { TenantOffboarding } from './tenant-offboarding';
import { defaultTimeZone, timeZoneOptions } from './time-zones';

const FIELDS = ['slug', 'name', 'timezone', 'adminEmail', 'adminName'] as const;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Operator: the career centers on the platform, and a form to add one. */
@Component({
  selector: 'app-tenants-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, InviteLink, QueueDashboardButton, TenantOffboarding, FwField, FwControl, FwAlert, FwDataTable, FwRow, FwSubmitActions],
  templateUrl: './tenants-page.html',
})
export class TenantsPage {
  /** The day a career center was created, in its own zone ("Dec 10, 2026"). */
  protected readonly createdOn = (tenant: { createdAt: string; timezone: string }) =>
    formatInZone(tenant.createdAt, tenant.timezone, { time: false, year: 'always' });

  private readonly tenantsApi = inject(TenantsService);
  private readonly focus = pageFocus();

  protected readonly timeZones = timeZoneOptions();
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', [Validators.required, Validators.maxLength(200)]],
    slug: [
      '',
      [Validators.required, Validators.minLength(2), Validators.maxLength(63), Validators.pattern(SLUG_PATTERN)],
    ],
    timezone: [defaultTimeZone(), Validators.required],
    adminName: ['', [Validators.required, Validators.maxLength(200)]],
    adminEmail: ['', [Validators.required, Validators.email]],
  });

  protected readonly tenants = signal<TenantSummary[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly submission = formSubmit({
    fields: FIELDS,
    problem: (err) => readApiError(err, 'Could not create the tenant. Please try again.'),
  });
  protected readonly created = signal<(CreateTenantResponse & { adminName: string; adminEmail: string }) | null>(
    null,
  );
  private readonly formDirective = viewChild.required(FormGroupDirective);

  protected readonly messages: Record<(typeof FIELDS)[number], ErrorMessages> = {
    slug: {
      required: 'Enter a short name for sign-in.',
      minlength: minLengthMessage('The short name'),
      maxlength: 'Use at most 63 characters.',
      pattern: 'Use lowercase letters, numbers and single hyphens, like “state-u”.',
    },
    name: { required: 'Enter the career center’s name.' },
    timezone: { required: 'Choose a time zone.' },
    adminName: { required: 'Enter the administrator’s name.' },
    adminEmail: {
      required: 'Enter the administrator’s email address.',
      email: 'Enter an email address like name@university.edu.',
    },
  };
  protected readonly columns = [
    { header: 'Name' },
    { header: 'Short name' },
    { header: 'Time zone' },
    { header: 'Created' },
    { header: 'State and offboarding' },
  ];
  protected readonly byId = (tenant: TenantSummary) => tenant.id;

  constructor() {
    this.load();
  }

  protected load(): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.tenantsApi.list().subscribe({
      next: (tenants) => {
        this.tenants.set(tenants);
        this.loading.set(false);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.loadError.set(readApiError(err, 'Could not load tenants.').message);
      },
    });
  }

  /** A career center closed or restored from its row: its new state in the list. */
  protected replaceTenant(tenant: TenantSummary): void {
    this.tenants.update((list) => list.map((t) => (t.id === tenant.id ? tenant : t)));
  }

  protected submit(): void {
    const request = this.form.getRawValue();
    this.submission.send(this.form, () => this.tenantsApi.create(request), (response) => {
      this.created.set({ ...response, adminName: request.adminName.trim(), adminEmail: request.adminEmail.trim() });
      this.tenants.update((list) => [response.tenant, ...list.filter((t) => t.id !== response.tenant.id)]);
      this.formDirective().resetForm({ name: '', slug: '', timezone: request.timezone, adminName: '', adminEmail: '' });
      this.focus.after('#tenant-created');
    });
  }
}
