import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthService, homeUrlFor } from '@fieldwork/web-core';

@Component({
  selector: 'app-not-found',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="page-narrow">
      <h1>Page not found</h1>
      <p>There is no page at this address. Check the link, or start again from your home page.</p>
      <p><a [routerLink]="home()">{{ auth.isSignedIn() ? 'Go to your home page' : 'Go to sign in' }}</a></p>
    </div>
  `,
})
export class NotFound {
  protected readonly auth = inject(AuthService);
  protected readonly home = computed(() =>
    this.auth.isSignedIn() ? homeUrlFor(this.auth.user()) : '/sign-in',
  );
}
