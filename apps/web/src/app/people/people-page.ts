import { ChangeDetectionStrategy, Component, computed, inject, viewChild } from '@angular/core';
import { AuthService } from '@fieldwork/web-core';
import { RouterLink } from '@angular/router';
import { InviteForm } from './invite-form';
import { PeopleList } from './people-list';

@Component({
  selector: 'app-people-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [InviteForm, PeopleList, RouterLink],
  template: `
    <div class="page-header">
      <h1>People</h1>
      <p class="lead">Invite advisors and students to {{ tenantName() }}, and manage their roles and access.</p>
      <p><a routerLink="/deletion-requests">Deletion requests</a>: accounts waiting to be erased.</p>
    </div>

    <section class="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite someone</h2>
      <p class="muted">Fieldwork e-mails them a personal invitation link. They choose their own password.</p>
      <app-invite-form (invited)="list().reload()" />
    </section>

    <section class="card" aria-labelledby="everyone-heading">
      <h2 id="everyone-heading">Everyone</h2>
      <app-people-list />
    </section>
  `,
})
export class PeoplePage {
  private readonly auth = inject(AuthService);
  protected readonly list = viewChild.required(PeopleList);
  protected readonly tenantName = computed(() => this.auth.user()?.tenant?.name ?? 'your career center');
}
