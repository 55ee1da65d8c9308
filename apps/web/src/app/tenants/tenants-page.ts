import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  signal,
} from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { CreateTenantResponse, TenantSummary } from '@fieldwork/contracts';
import { TenantsService, formatInZone, otherFieldProblems, readApiError } from '@fieldwork/web-core';
import { controlError, focusFirstInvalid, minLengthMessage } from '@fieldwork/web-ui';
import { InviteLink } from '../shared/invite-link';
import { QueueDashboardButton } from './queue-dashboard-button';
import { TenantOffboarding } from './tenant-offboarding';
import { defaultTimeZone, timeZoneOptions } from './time-zones';

type Field = 'slug' | 'name' | 'timezone' | 'adminEmail' | 'adminName';
const FIELDS: Field[] = ['slug', 'name', 'timezone', 'adminEmail', 'adminName'];
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Operator: the career centers on the platform, and a form to add one. */
@Component({
  selector: 'app-tenants-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, InviteLink, QueueDashboardButton, TenantOffboarding],
  templateUrl: './tenants-page.html',
})
export class TenantsPage {
  /** The day a career center was created, in its own zone ("Dec 10, 2026"). */
  protected readonly createdOn = (tenant: { createdAt: string; timezone: string }) =>
    formatInZone(tenant.createdAt, tenant.timezone, { time: false, year: 'always' });

  private readonly tenantsApi = inject(TenantsService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

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
  protected readonly submitted = signal(false);
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly serverErrors = signal<Record<string, string>>({});
  protected readonly created = signal<(CreateTenantResponse & { adminName: string; adminEmail: string }) | null>(
    null,
  );

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

  protected fieldError(field: Field): string | null {
    const server = this.serverErrors()[field] ?? null;
    if (!this.submitted()) return server;
    const control = this.form.controls[field];
    let client: string | null;
    switch (field) {
      case 'slug':
        client = controlError(control, {
          required: 'Enter a short name for sign-in.',
          minlength: minLengthMessage('The short name'),
          maxlength: 'Use at most 63 characters.',
          pattern: 'Use lowercase letters, numbers and single hyphens, like “state-u”.',
        });
        break;
      case 'name':
        client = controlError(control, { required: 'Enter the career center’s name.' });
        break;
      case 'timezone':
        client = controlError(control, { required: 'Choose a time zone.' });
        break;
      case 'adminName':
        client = controlError(control, { required: 'Enter the administrator’s name.' });
        break;
      case 'adminEmail':
        client = controlError(control, {
          required: 'Enter the administrator’s email address.',
          email: 'Enter an email address like name@university.edu.',
        });
        break;
    }
    return client ?? server;
  }

  protected submit(): void {
    this.submitted.set(true);
    this.error.set(null);
    this.serverErrors.set({});
    if (this.form.invalid) {
      focusFirstInvalid(this.host, this.injector);
      return;
    }
    if (this.pending()) return;
    this.pending.set(true);
    const request = this.form.getRawValue();
    this.tenantsApi.create(request).subscribe({
      next: (response) => {
        this.pending.set(false);
        this.submitted.set(false);
        this.created.set({ ...response, adminName: request.adminName.trim(), adminEmail: request.adminEmail.trim() });
        this.tenants.update((list) => [response.tenant, ...list.filter((t) => t.id !== response.tenant.id)]);
        this.form.reset({ name: '', slug: '', timezone: request.timezone, adminName: '', adminEmail: '' });
        afterNextRender(
          () => this.host.nativeElement.querySelector<HTMLElement>('#tenant-created')?.focus(),
          { injector: this.injector },
        );
      },
      error: (err: unknown) => {
        this.pending.set(false);
        const problem = readApiError(err, 'Could not create the tenant. Please try again.');
        this.serverErrors.set(problem.fieldErrors);
        const others = otherFieldProblems(problem, FIELDS);
        this.error.set([problem.message, ...others].join(' '));
        if (Object.keys(problem.fieldErrors).length > others.length) {
          focusFirstInvalid(this.host, this.injector);
        }
      },
    });
  }
}
