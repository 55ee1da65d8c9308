import { ChangeDetectionStrategy, Component, DOCUMENT, computed, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthService, homeUrlFor } from '@fieldwork/web-core';
import { MeMenu } from './layout/me-menu';
import { NotificationBell } from './notifications/notification-bell';
import { navLinksFor } from './layout/nav-links';

/** The page frame: skip link, role-aware header, the main landmark, and a footer with the privacy page on every page. */
@Component({
  selector: 'app-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MeMenu, NotificationBell],
  templateUrl: './app.html',
  styles: `
    .site-footer { border-top: 1px solid var(--fw-border); padding: 1rem; font-size: 0.9375rem; }
    .site-footer__inner { max-width: 72rem; margin: 0 auto; }
  `,
})
export class App {
  private readonly document = inject(DOCUMENT);
  protected readonly auth = inject(AuthService);

  protected readonly links = computed(() => navLinksFor(this.auth.role()));
  /** Tenant users have an inbox; operators do not. */
  protected readonly showBell = computed(() => this.auth.hasRole('admin', 'advisor', 'student'));
  protected readonly homeUrl = computed(() =>
    this.auth.isSignedIn() ? homeUrlFor(this.auth.user()) : '/sign-in',
  );

  /** In-page "#main" links would reload the app under <base href>; move focus instead. */
  protected skipToMain(event: Event): void {
    event.preventDefault();
    const main = this.document.getElementById('main');
    main?.focus();
    main?.scrollIntoView();
  }
}
