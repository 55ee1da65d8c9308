import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { SsoService } from '@fieldwork/web-core';

/** After a campus sign-in by someone the career center's roster does not have: what to do next. */
@Component({
  selector: 'app-sso-not-added',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="page-narrow">
      <div class="card">
        <h1>{{ center() ?? 'Your career center' }} hasn’t added you yet</h1>
        <p>You signed in with your campus account, but {{ center() ?? 'the career center' }} has no Fieldwork account for you yet, so nothing was created.</p>
        <p>Contact your career center and ask them to add you to Fieldwork (for example with the next roster upload). Then sign in with your campus account again.</p>
        <p><a routerLink="/sign-in">Back to sign-in</a></p>
      </div>
    </div>
  `,
})
export class SsoNotAdded {
  protected readonly center = signal<string | null>(null);

  constructor() {
    const slug = inject(ActivatedRoute).snapshot.queryParamMap.get('center');
    if (slug) {
      inject(SsoService)
        .discover({ tenant: slug })
        .subscribe({ next: (found) => this.center.set(found.tenant?.name ?? null), error: () => this.center.set(null) });
    }
  }
}
