import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { ActivatedRoute, RouterLink } from '@angular/router';

const MESSAGES: Record<string, string> = {
  failed: 'Your campus sign-in could not be completed. Nothing was changed. Try again from the sign-in page; if it keeps happening, tell your career center: their Sign-in page shows what went wrong.',
  not_configured: 'This career center has not set up campus sign-in. Sign in with your e-mail and password instead.',
  disabled: 'Campus sign-in is turned off for this career center right now. Sign in with your e-mail and password, or ask your career center.',
};

/** After a campus sign-in that was refused (bad signature, expired, replayed…): what happened, in plain words. */
@Component({
  selector: 'app-sso-error',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="page-narrow">
      <div class="card">
        <h1>Campus sign-in didn’t work</h1>
        <p role="alert">{{ message() }}</p>
        <p><a [routerLink]="center() ? ['/', center(), 'login'] : ['/sign-in']">Back to sign-in</a></p>
      </div>
    </div>
  `,
})
export class SsoError {
  private readonly query = inject(ActivatedRoute).snapshot.queryParamMap;
  protected readonly message = computed(() => MESSAGES[this.query.get('reason') ?? 'failed'] ?? MESSAGES['failed']);
  protected readonly center = computed(() => {
    const slug = this.query.get('center');
    return slug && /^[a-z0-9-]{1,40}$/.test(slug) ? slug : null;
  });
}
