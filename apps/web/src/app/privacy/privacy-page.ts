import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { PrivacyPolicy } from '@fieldwork/contracts';
import { AuthService, RetentionService, readApiError } from '@fieldwork/web-core';
import { FwAlert, FwControl, FwField, FwSubmitActions } from '@fieldwork/web-ui';
import { Subscription } from 'rxjs';

/** "36 months" / "1 month" / "7 years" (whole years read better). */
export function monthsInWords(months: number): string {
  if (months >= 12 && months % 12 === 0) {
    const years = months / 12;
    return `${years} ${years === 1 ? 'year' : 'years'}`;
  }
  return `${months} ${months === 1 ? 'month' : 'months'}`;
}

/**
 * The privacy page (issue 13 §5), written from the career center's own settings: what is kept and
 * for how long, who sees what, and how to get a copy or delete the account. Signed in: the user's
 * career center; signed out: `?tenant=<code>` (the code used to sign in), or a form asking for it.
 */
@Component({
  selector: 'app-privacy-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ReactiveFormsModule, FwAlert, FwField, FwControl, FwSubmitActions],
  template: `
    <div class="page-header">
      <h1>Privacy</h1>
      @if (policy(); as p) {
        <p class="lead">How {{ p.careerCenter }} keeps your information in Fieldwork, who can see it, and how to get a copy or delete it.</p>
      } @else {
        <p class="lead">How your career center keeps your information in Fieldwork, who can see it, and how to get a copy or delete it.</p>
      }
    </div>

    @if (!slug()) {
      <section class="card" aria-labelledby="which-heading">
        <h2 id="which-heading">Which career center?</h2>
        <form class="form" (submit)="$event.preventDefault(); choose()" novalidate>
          <fw-field label="Career center code" hint="The code you use to sign in, such as “demo”. Each career center sets its own periods.">
            <input id="privacy-tenant" type="text" fwControl autocomplete="organization" [formControl]="code" />
          </fw-field>
          <fw-submit-actions label="Show its privacy page" />
        </form>
      </section>
    } @else if (error(); as message) {
      <fw-alert kind="error" retryable (retry)="load()">
        <p>{{ message }}</p>
        @if (!signedIn()) {
          <p><button type="button" class="button button--secondary button--small" (click)="another()">Enter another code</button></p>
        }
      </fw-alert>
    } @else if (policy(); as p) {
      <section class="card" aria-labelledby="kept-heading">
        <h2 id="kept-heading">What we keep, and for how long</h2>
        <ul class="privacy-list">
          <li>
            <strong>Your reflections</strong> (your answers, evidence and the advisor’s comments) are kept for
            <strong>{{ words(p.retention.reflectionsMonths) }}</strong> after your cohort ends. Then their words are removed; the
            career center keeps only counts (how many were submitted, approved, on time).
          </li>
          <li>
            <strong>Your contacts and your conversations with them</strong> are deleted
            <strong>{{ words(p.retention.reflectionsMonths) }}</strong> after your last cohort ends. They are other people’s
            details, so we keep them no longer than your work.
          </li>
          <li>
            <strong>Your account</strong> (name, e-mail, student ID) is erased <strong>{{ words(p.retention.accountsMonths) }}</strong>
            after your last cohort ends, if you have not used Fieldwork since.
          </li>
          <li>
            <strong>The audit log</strong> (who signed in, who read a reflection, what changed) is kept for
            <strong>{{ words(p.retention.auditMonths) }}</strong>.
          </li>
          <li>While you are in a cohort with no end date, or in no cohort, nothing of yours is deleted on a schedule.</li>
        </ul>
        <p class="hint">A daily run deletes what is past these periods. {{ p.careerCenter }}’s administrators set them.</p>
      </section>

      <section class="card" aria-labelledby="who-heading">
        <h2 id="who-heading">Who sees what</h2>
        <ul class="privacy-list">
          <li><strong>Your contacts are private.</strong> Advisors see a contact only if you share it with them.</li>
          <li><strong>Advisors</strong> see your homework and reflections only in the cohorts they advise.</li>
          <li><strong>Administrators</strong> of {{ p.careerCenter }} see the whole career center: people, cohorts and homework.</li>
          <li>
            <strong>Every time staff read a reflection</strong> (or a shared contact), it is recorded in the audit log, with who and when.
          </li>
          <li>Nobody outside {{ p.careerCenter }} sees your data. Fieldwork’s operators run the service; they do not read your work.</li>
        </ul>
      </section>

      <section class="card" aria-labelledby="rights-heading">
        <h2 id="rights-heading">Your copy, and deleting your account</h2>
        <ul class="privacy-list">
          <li>
            <strong>Get a copy of your data:</strong> in Settings, <em>Your data</em>, choose “Download my data”. You get a ZIP of your
            profile, homework with every version and review, contacts and conversations.
          </li>
          <li>
            <strong>Delete your account:</strong> in Settings, <em>Delete my account</em>. An administrator approves it; then your name,
            e-mail and sign-in are erased, your contacts deleted and your reflections emptied.
          </li>
        </ul>
        @if (signedIn()) {
          <p><a routerLink="/settings">Go to Settings</a></p>
        } @else {
          <p><a routerLink="/sign-in">Sign in</a> to do either.</p>
        }
        <p class="hint">Dates follow {{ p.careerCenter }}’s time zone ({{ p.timezone }}).</p>
      </section>
    } @else {
      <p class="status-line" role="status">Loading…</p>
    }
  `,
  styles: `
    .privacy-list { display: grid; gap: 0.75rem; padding-left: 1.25rem; margin: 0 0 1rem; }
  `,
})
export class PrivacyPage {
  private readonly auth = inject(AuthService);
  private readonly retention = inject(RetentionService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private request: Subscription | null = null;

  protected readonly signedIn = computed(() => this.auth.isSignedIn());
  protected readonly slug = signal<string>('');
  protected readonly code = new FormControl('', { nonNullable: true });
  protected readonly policy = signal<PrivacyPolicy | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly words = monthsInWords;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
    const own = this.auth.user()?.tenant?.slug;
    const asked = this.route.snapshot.queryParamMap.get('tenant')?.trim().toLowerCase() ?? '';
    this.slug.set(own ?? asked);
    if (this.slug()) this.load();
  }

  protected load(): void {
    this.error.set(null);
    this.request?.unsubscribe();
    this.request = this.retention.policy(this.slug()).subscribe({
      next: (policy) => this.policy.set(policy),
      error: (err: unknown) => {
        const problem = readApiError(err, 'Could not load the privacy page.');
        this.error.set(problem.status === 404 ? `There is no career center with the code “${this.slug()}”.` : problem.message);
      },
    });
  }

  protected another(): void {
    this.error.set(null);
    this.slug.set('');
  }

  protected choose(): void {
    const code = this.code.value.trim().toLowerCase();
    if (!code) return;
    void this.router.navigate([], { relativeTo: this.route, queryParams: { tenant: code } });
    this.slug.set(code);
    this.load();
  }
}
