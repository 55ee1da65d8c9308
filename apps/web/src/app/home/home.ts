import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { PrincipalRole } from '@fieldwork/contracts';
import { AuthService, roleWithArticle } from '@fieldwork/web-core';
import { AttentionPanel } from './attention-panel';

interface NextStep {
  text: string;
  link?: { label: string; path: string };
}

/** A next step: what the user can do, and the link that starts it. */
const step = (text: string, label: string, path: string): NextStep => ({ text, link: { label, path } });

const NEXT_STEPS: Record<PrincipalRole, NextStep[]> = {
  admin: [
    step('Invite your advisors and students, and manage their roles and access.', 'Go to People', '/people'),
    step('Import a whole roster from a CSV file (email, name, student id, cohort).', 'Import a roster', '/roster-import'),
    step('Create cohorts, put advisors and students in them, and assign homework.', 'Go to Cohorts', '/cohorts'),
    step('Shape the homework library: informational interviews, thank-you notes, follow-ups.', 'Go to Templates', '/templates'),
  ],
  advisor: [
    step(
      'Give a cohort networking homework — an informational interview, a thank-you note, a follow-up.',
      'Assign homework to a cohort',
      '/cohorts',
    ),
    step('Read what your students learned, approve it or ask for a revision.', 'Review submitted reflections', '/reviews'),
  ],
  student: [
    step('See your networking homework, what is due soon, and what needs a revision.', 'Open your tasks', '/tasks'),
    step(
      'Keep a list of the people in your field — classmates, alumni, former colleagues — and your conversations with them.',
      'Add people to your network',
      '/network',
    ),
  ],
  operator: [
    step('Create a career center and invite its first administrator.', 'Go to Tenants', '/tenants'),
  ],
};

@Component({
  selector: 'app-home',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, AttentionPanel],
  template: `
    @if (auth.user(); as user) {
      <div class="page-header">
        <h1>Welcome, {{ user.name }}</h1>
        <p class="lead">{{ intro() }}</p>
      </div>

      @if (staff()) {
        <app-attention-panel />
      }

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
  /** Advisors and admins see what needs them first. */
  protected readonly staff = computed(() => this.auth.hasRole('admin', 'advisor'));
  protected readonly steps = computed(() => {
    const role = this.auth.role();
    return role ? NEXT_STEPS[role] : [];
  });
}
