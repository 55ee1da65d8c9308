import { ChangeDetectionStrategy, Component, inject, output, signal, viewChild } from '@angular/core';
import { FormBuilder, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { InvitationResponse, ROLES, Role } from '@fieldwork/contracts';
import { PeopleService, TenantTime, readApiError, roleLabel, roleWithArticle } from '@fieldwork/web-core';
import {
  ErrorMessages,
  FwAlert,
  FwControl,
  FwField,
  FwSubmitActions,
  formSubmit,
  pageFocus,
} from '@fieldwork/web-ui';
import { InviteLink } from '../shared/invite-link';

/** Admin: invite one person by email (Fieldwork e-mails the link; it is shown too, to pass on another way). */
@Component({
  selector: 'app-invite-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, InviteLink, FwField, FwControl, FwAlert, FwSubmitActions],
  templateUrl: './invite-form.html',
})
export class InviteForm {
  private readonly people = inject(PeopleService);
  private readonly time = inject(TenantTime);
  /** "Dec 17, 2026, 3:04 PM" in the career center's zone (" ET" when the browser is elsewhere). */
  protected readonly moment = (iso: string) => this.time.format(iso, { year: 'always' });
  private readonly focus = pageFocus();

  readonly invited = output<InvitationResponse>();

  protected readonly roleWithArticle = roleWithArticle;
  protected readonly roles = ROLES.map((value) => ({ value, label: roleLabel(value) }));
  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: ['', [Validators.required, Validators.email]],
    name: ['', [Validators.required, Validators.maxLength(200)]],
    role: ['student' as Role, Validators.required],
  });

  protected readonly emailMessages: ErrorMessages = {
    required: 'Enter their email address.',
    email: 'Enter an email address like name@university.edu.',
  };
  protected readonly nameMessages: ErrorMessages = { required: 'Enter their name.', maxlength: 'Use at most 200 characters.' };
  protected readonly roleMessages: ErrorMessages = { required: 'Choose a role.' };
  private readonly formDirective = viewChild.required(FormGroupDirective);

  protected readonly submission = formSubmit({
    fields: ['email', 'name', 'role'],
    problem: (err) => readApiError(err, 'Could not create the invitation. Please try again.'),
  });
  protected readonly result = signal<{ invitation: InvitationResponse; name: string } | null>(null);

  protected submit(): void {
    const request = this.form.getRawValue();
    this.submission.send(this.form, () => this.people.invite(request), (invitation) => {
      this.result.set({ invitation, name: request.name.trim() });
      this.formDirective().resetForm({ email: '', name: '', role: request.role });
      this.invited.emit(invitation);
      this.focus.after('#invite-result');
    });
  }
}
