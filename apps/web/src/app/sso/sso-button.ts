import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, input, signal } from '@angular/core';
import type { SsoDiscovery } from '@fieldwork/contracts';
import { ActivatedRoute } from '@angular/router';
import { SsoService, safeReturnUrl } from '@fieldwork/web-core';
import { Subject, debounceTime, distinctUntilChanged, of, switchMap, catchError } from 'rxjs';

/**
 * On the sign-in page: once the career center is known (its short name, or the domain of the e-mail
 * typed), shows "Sign in with <University>" when the center signs people in through the campus.
 * The center found is remembered on this device for the next visit.
 */
@Component({
  selector: 'app-sso-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (found(); as discovery) {
      @if (discovery.sso; as sso) {
        <div class="sso-sign-in">
          <a class="button button--block" [href]="href()" data-testid="sso-button">Sign in with {{ sso.displayName }}</a>
          <p class="hint">
            @if (sso.studentsSsoOnly) {
              Students of {{ discovery.tenant?.name }} sign in with their campus account.
            } @else {
              Use your campus account, or your Fieldwork password below.
            }
          </p>
        </div>
      }
    }
  `,
})
export class SsoButton {
  private readonly sso = inject(SsoService);

  /** What the career center field says (a slug), and the e-mail typed (its domain may name the center). */
  readonly tenant = input('');
  readonly email = input('');
  /** Where to land after signing in: the sign-in page's own returnUrl (an app path). */
  private readonly returnTo = safeReturnUrl(inject(ActivatedRoute).snapshot.queryParamMap.get('returnUrl')) ?? null;

  protected readonly found = signal<SsoDiscovery | null>(null);
  protected readonly href = signal('');
  private readonly lookups = new Subject<string>();

  constructor() {
    const sub = this.lookups
      .pipe(
        debounceTime(250),
        distinctUntilChanged(),
        switchMap((key) => {
          if (!key) return of(null);
          const [kind, value] = key.split(':', 2) as ['tenant' | 'email', string];
          return this.sso.discover(kind === 'tenant' ? { tenant: value } : { email: value }).pipe(catchError(() => of(null)));
        }),
      )
      .subscribe((discovery) => {
        this.found.set(discovery);
        if (discovery?.tenant) {
          this.sso.rememberCenter(discovery.tenant.slug);
          this.href.set(this.sso.startUrl(discovery.tenant.slug, this.returnTo));
        }
      });
    inject(DestroyRef).onDestroy(() => sub.unsubscribe());
    effect(() => {
      const tenant = this.tenant().trim().toLowerCase();
      const email = this.email().trim().toLowerCase();
      const domain = email.includes('@') ? email.split('@').pop() ?? '' : '';
      this.lookups.next(tenant ? `tenant:${tenant}` : domain.includes('.') ? `email:${email}` : '');
    });
  }
}
