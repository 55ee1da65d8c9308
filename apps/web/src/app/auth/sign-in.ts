import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  inject,
  signal,
} from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { AuthService, homeUrlFor, readApiError, safeReturnUrl } from '@fieldwork/web-core';
import { controlError, focusFirstInvalid } from '../shared/forms';

/** Every wrong career center, e-mail or password (and a deactivated account) gets these plain words. */
export const SIGN_IN_FAILED = "We couldn't sign you in. Check the career center, e-mail and password.";

@Component({
  selector: 'app-sign-in',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  templateUrl: './sign-in.html',
})
export class SignIn {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly form = inject(FormBuilder).nonNullable.group({
    tenant: [''],
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });

  protected readonly submitted = signal(false);
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal<string | null>(
    this.route.snapshot.queryParamMap.get('reason') === 'expired'
      ? 'Your session has ended. Please sign in again.'
      : null,
  );

  protected fieldError(name: 'email' | 'password'): string | null {
    if (!this.submitted()) return null;
    const control = this.form.controls[name];
    return name === 'email'
      ? controlError(control, {
          required: 'Enter your email address.',
          email: 'Enter an email address like name@university.edu.',
        })
      : controlError(control, { required: 'Enter your password.' });
  }

  protected submit(): void {
    this.submitted.set(true);
    this.error.set(null);
    if (this.form.invalid) {
      focusFirstInvalid(this.host, this.injector);
      return;
    }
    if (this.pending()) return;
    this.pending.set(true);
    this.auth.login(this.form.getRawValue()).subscribe({
      next: (user) => {
        const target =
          safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl')) ?? homeUrlFor(user);
        void this.router.navigateByUrl(target, { replaceUrl: true });
      },
      error: (err: unknown) => {
        this.pending.set(false);
        this.form.controls.password.reset('');
        const problem = readApiError(err, 'Could not sign in. Please try again.');
        this.error.set(problem.status === 401 ? SIGN_IN_FAILED : problem.message);
      },
    });
  }
}
