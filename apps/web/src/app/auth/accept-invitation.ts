import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { InvitationPreview, PASSWORD_MIN_LENGTH } from '@fieldwork/contracts';
import {
  AuthService,
  formatInZone,
  homeUrlFor,
  otherFieldProblems,
  readApiError,
  roleWithArticle,
} from '@fieldwork/web-core';
import {
  ErrorMessages,
  FwAlert,
  FwControl,
  FwField,
  FwSubmitActions, matchingValidator,
  pageFocus,
} from '@fieldwork/web-ui';
import { PasswordFields } from '../shared/password-fields';

type PageState = 'loading' | 'ready' | 'invalid' | 'missing' | 'error';

@Component({
  selector: 'app-accept-invitation',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, FwField, FwControl, FwAlert, FwSubmitActions, PasswordFields],
  templateUrl: './accept-invitation.html',
})
export class AcceptInvitation implements OnInit {
  private readonly auth = inject(AuthService);
  /** When the invitation expires, in the inviting career center's zone. */
  protected readonly expires = (invite: InvitationPreview) =>
    formatInZone(invite.expiresAt, invite.tenant.timezone || Intl.DateTimeFormat().resolvedOptions().timeZone, { year: 'always' });
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly focus = pageFocus();

  protected readonly passwordHint = `At least ${PASSWORD_MIN_LENGTH} characters, and not a common password. A few unrelated words with a number work well.`;
  protected readonly nameMessages: ErrorMessages = { required: 'Enter your name.', maxlength: 'Use at most 200 characters.' };
  protected readonly roleWithArticle = roleWithArticle;

  protected readonly state = signal<PageState>('loading');
  protected readonly loadError = signal<string | null>(null);
  /** The API's reason an invitation can't be used (expired, already accepted, replaced), if it gave one. */
  protected readonly invalidReason = signal<string | null>(null);
  protected readonly preview = signal<InvitationPreview | null>(null);
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly serverErrors = signal<Record<string, string>>({});

  private token = '';

  protected readonly form = inject(FormBuilder).nonNullable.group(
    {
      name: ['', [Validators.required, Validators.maxLength(200)]],
      password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
      confirm: ['', Validators.required],
    },
    { validators: matchingValidator('password', 'confirm') },
  );

  ngOnInit(): void {
    this.token = this.route.snapshot.queryParamMap.get('token')?.trim() ?? '';
    if (!this.token) {
      this.state.set('missing');
      return;
    }
    this.loadPreview();
  }

  protected loadPreview(): void {
    this.state.set('loading');
    this.auth.previewInvitation(this.token).subscribe({
      next: (preview) => {
        this.preview.set(preview);
        this.form.controls.name.setValue(preview.name ?? '');
        this.state.set('ready');
      },
      error: (err: unknown) => {
        const problem = readApiError(err);
        if ([400, 404, 410].includes(problem.status)) {
          this.markInvalid(problem.status === 410 ? problem.message : null);
        } else {
          this.loadError.set(problem.message);
          this.state.set('error');
        }
      },
    });
  }

  protected readonly mentionsAdministrator = (text: string | null) => !!text && /administrator/i.test(text);

  private markInvalid(reason: string | null): void {
    this.invalidReason.set(reason);
    this.state.set('invalid');
  }

  protected submit(): void {
    this.error.set(null);
    this.serverErrors.set({});
    if (!this.focus.canSubmit(this.form, this.pending())) return;
    this.pending.set(true);
    const { name, password } = this.form.getRawValue();
    this.auth.acceptInvitation({ token: this.token, name, password }).subscribe({
      next: (user) => void this.router.navigateByUrl(homeUrlFor(user), { replaceUrl: true }),
      error: (err: unknown) => {
        this.pending.set(false);
        const problem = readApiError(err, 'Could not set up your account. Please try again.');
        if (problem.status === 404 || problem.status === 410) {
          this.markInvalid(problem.status === 410 ? problem.message : null);
          return;
        }
        this.serverErrors.set(problem.fieldErrors);
        const others = otherFieldProblems(problem, ['name', 'password']);
        const inline = Object.keys(problem.fieldErrors).length > others.length;
        this.error.set(
          [inline ? 'Please fix the problems below.' : problem.message, ...others].join(' '),
        );
        if (inline) this.focus.firstInvalid();
      },
    });
  }
}
