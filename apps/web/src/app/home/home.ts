import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { PrincipalRole } from '@fieldwork/contracts';
import { AuthService, roleWithArticle } from '@fieldwork/web-core';

interface NextStep {
  text: string;
  link?: { label: string; path: string };
}

const NEXT_STEPS: Record<PrincipalRole, NextStep[]> = {
  admin: [
    {
      text: 'Invite your advisors and students, and manage their roles and access.',
      link: { label: 'Go to People', path: '/people' },
    },
    { text: 'Cohorts, the homework library and completion dashboards will appear here as they arrive.' },
  ],
  advisor: [
    {
      text: 'Soon you will assign networking homework to your cohorts — informational interviews, thank-you notes, follow-ups — and review your students’ reflections here.',
    },
  ],
  student: [
    {
      text: 'Soon your networking homework will appear here: informational interviews, thank-you notes and follow-ups with the people in your field.',
    },
    { text: 'Start a list of people you would like to talk to — classmates, alumni, former colleagues.' },
  ],
  operator: [
    {
      text: 'Create a career center and invite its first administrator.',
      link: { label: 'Go to Tenants', path: '/tenants' },
    },
  ],
};

@Component({
  selector: 'app-home',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    @if (auth.user(); as user) {
      <div class="page-header">
        <h1>Welcome, {{ user.name }}</h1>
        <p class="lead">{{ intro() }}</p>
      </div>

      <section class="card" aria-labelledby="next-steps">
        <h2 id="next-steps">What you can do next</h2>
        <ul class="next-steps">
          @for (step of steps(); track step.text) {
            <li>
              {{ step.text }}
              @if (step.link; as link) {
                <a [routerLink]="link.path">{{ link.label }}</a>
              }
            </li>
          }
        </ul>
      </section>
    }
  `,
  styles: `
    .next-steps {
      margin: 0;
      padding-left: 1.25rem;
    }
    .next-steps li + li {
      margin-top: 0.5rem;
    }
  `,
})
export class Home {
  protected readonly auth = inject(AuthService);
  protected readonly intro = computed(() => {
    const user = this.auth.user();
    if (!user) return '';
    const where = user.tenant ? ` at ${user.tenant.name}` : ' of the Fieldwork platform';
    return `You're signed in as ${roleWithArticle(user.role)}${where}.`;
  });
  protected readonly steps = computed(() => {
    const role = this.auth.role();
    return role ? NEXT_STEPS[role] : [];
  });
}
