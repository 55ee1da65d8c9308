import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthService, homeUrlFor, roleWithArticle } from '@fieldwork/web-core';

/**
 * Shown (at the address the user opened) when a signed-in user's role may not
 * see a page: a student opening /people, an advisor opening /audit. Says so,
 * instead of a silent trip home, and links home.
 */
@Component({
  selector: 'app-no-access',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="page-narrow">
      <h1>You don't have access to this page</h1>
      <p>
        {{ who() }} This page is for other roles in your career center. If you think you need it, ask your career
        center's administrator.
      </p>
      <p><a [routerLink]="home()">Go to your home page</a></p>
    </div>
  `,
})
export class NoAccess {
  private readonly auth = inject(AuthService);
  protected readonly home = computed(() => homeUrlFor(this.auth.user()));
  protected readonly who = computed(() => {
    const role = this.auth.user()?.role;
    return role && role !== 'operator' ? `You're signed in as ${roleWithArticle(role)}.` : '';
  });
}
