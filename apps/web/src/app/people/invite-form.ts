import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  output,
  signal,
} from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { InvitationResponse, ROLES, Role } from '@fieldwork/contracts';
import {
  PeopleService,
  TenantTime,
  otherFieldProblems,
  readApiError,
  roleLabel,
  roleWithArticle,
} from '@fieldwork/web-core';
import { controlError, focusFirstInvalid } from '@fieldwork/web-ui';
import { InviteLink } from '../shared/invite-link';

type Field = 'email' | 'name' | 'role';

/** Admin: invite one person by email (Fieldwork e-mails the link; it is shown too, to pass on another way). */
@Component({
  selector: 'app-invite-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, InviteLink],
  templateUrl: './invite-form.html',
})
export class InviteForm {
  private readonly people = inject(PeopleService);
  private readonly time = inject(TenantTime);
  /** "Dec 17, 2026, 3:04 PM" in the career center's zone (" ET" when the browser is elsewhere). */
  protected readonly moment = (iso: string) => this.time.format(iso, { year: 'always' });
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly invited = output<InvitationResponse>();

  protected readonly roleWithArticle = roleWithArticle;
  protected readonly roles = ROLES.map((value) => ({ value, label: roleLabel(value) }));
  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: ['', [Validators.required, Validators.email]],
    name: ['', [Validators.required, Validators.maxLength(200)]],
    role: ['student' as Role, Validators.required],
  });

  protected readonly submitted = signal(false);
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly serverErrors = signal<Record<string, string>>({});
  protected readonly result = signal<{ invitation: InvitationResponse; name: string } | null>(null);

  protected fieldError(field: Field): string | null {
    const server = this.serverErrors()[field] ?? null;
    if (!this.submitted()) return server;
    const control = this.form.controls[field];
    const client =
      field === 'email'
        ? controlError(control, {
            required: 'Enter their email address.',
            email: 'Enter an email address like name@university.edu.',
          })
        : field === 'name'
          ? controlError(control, {
              required: 'Enter their name.',
              maxlength: 'Use at most 200 characters.',
            })
          : controlError(control, { required: 'Choose a role.' });
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
    this.people.invite(request).subscribe({
      next: (invitation) => {
        this.pending.set(false);
        this.submitted.set(false);
        this.result.set({ invitation, name: request.name.trim() });
        this.form.reset({ email: '', name: '', role: request.role });
        this.invited.emit(invitation);
        afterNextRender(
          () => this.host.nativeElement.querySelector<HTMLElement>('#invite-result')?.focus(),
          { injector: this.injector },
        );
      },
      error: (err: unknown) => {
        this.pending.set(false);
        const problem = readApiError(err, 'Could not create the invitation. Please try again.');
        this.serverErrors.set(problem.fieldErrors);
        const others = otherFieldProblems(problem, ['email', 'name', 'role']);
        this.error.set([problem.message, ...others].join(' '));
        if (Object.keys(problem.fieldErrors).length > others.length) {
          focusFirstInvalid(this.host, this.injector);
        }
      },
    });
  }
}
