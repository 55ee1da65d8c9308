import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute } from '@angular/router';
import {
  OIDC_MATCH_BY,
  SAML_MATCH_BY,
  type CohortSummary,
  type SsoAttempt,
  type SsoMatchBy,
  type SsoProtocol,
  type SsoSettings,
  type SsoSettingsRequest,
} from '@fieldwork/contracts';
import { AuthService, CohortsService, SsoService, TenantTime, fullDateTimeText, readApiError } from '@fieldwork/web-core';
import { DataTableColumn, FwAlert, FwControl, FwDataTable, FwField, FwRow } from '@fieldwork/web-ui';

export const MATCH_LABELS: Record<SsoMatchBy, string> = {
  email: 'E-mail address (matched to the roster’s e-mail)',
  sub: 'OIDC subject “sub” (matched to the roster’s student id)',
  eppn: 'eduPersonPrincipalName (matched to the roster’s e-mail)',
  studentId: 'A student-id attribute (matched to the roster’s student id)',
};

export const OUTCOME_LABELS: Record<SsoAttempt['outcome'], string> = {
  signed_in: 'Signed in',
  linked: 'Signed in, account linked',
  created: 'Signed in, student created',
  test_ok: 'Test passed',
  refused: 'Refused',
};

/** Admins: campus sign-in (SAML or OpenID Connect), the values to give campus IT, test mode and the last 20 attempts. */
@Component({
  selector: 'app-sign-in-settings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FwField, FwControl, FwAlert, FwDataTable, FwRow],
  templateUrl: './sign-in-settings.html',
})
export class SignInSettings {
  private readonly sso = inject(SsoService);
  private readonly cohortsApi = inject(CohortsService);
  private readonly auth = inject(AuthService);
  private readonly time = inject(TenantTime);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly form = inject(FormBuilder).nonNullable.group({
    protocol: ['saml' as SsoProtocol],
    displayName: [''],
    metadataSource: ['xml' as 'xml' | 'url'],
    metadataXml: [''],
    metadataUrl: [''],
    issuer: [''],
    clientId: [''],
    clientSecret: [''],
    matchBy: ['email' as SsoMatchBy],
    attribute: [''],
    domains: [''],
    jitCohortId: [''],
    enabled: [false],
    testMode: [false],
    studentsSsoOnly: [false],
  });

  protected readonly settings = signal<SsoSettings | null>(null);
  protected readonly cohorts = signal<CohortSummary[]>([]);
  protected readonly attempts = signal<SsoAttempt[]>([]);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saveError = signal<string | null>(null);
  protected readonly fieldErrors = signal<Record<string, string>>({});
  protected readonly saved = signal<string | null>(null);
  protected readonly pending = signal(false);
  protected readonly protocol = signal<SsoProtocol>('saml');
  protected readonly metadataSource = signal<'xml' | 'url'>('xml');
  protected readonly matchOptions = computed(() => (this.protocol() === 'oidc' ? OIDC_MATCH_BY : SAML_MATCH_BY).map((value) => ({ value, label: MATCH_LABELS[value] })));
  protected readonly outcomeLabel = (attempt: SsoAttempt) => OUTCOME_LABELS[attempt.outcome];
  protected readonly full = (iso: string) => fullDateTimeText(iso, this.time.zone());
  protected readonly testResult = signal<'ok' | 'failed' | null>(null);
  protected readonly clientSecretHint = computed(
    () => 'Stored encrypted and never shown again.' + (this.settings()?.hasClientSecret ? ' A secret is stored: leave this empty to keep it.' : ''),
  );
  protected readonly attemptColumns: DataTableColumn[] = [{ header: 'When' }, { header: 'Result' }, { header: 'Who' }, { header: 'Why' }];
  protected readonly attemptId = (attempt: SsoAttempt) => attempt.id;

  constructor() {
    // Back from trying campus sign-in in test mode: ?test=ok or ?test=failed.
    const test = inject(ActivatedRoute).snapshot.queryParamMap.get('test');
    this.testResult.set(test === 'ok' || test === 'failed' ? test : null);
    this.form.controls.protocol.valueChanges.subscribe((value) => {
      this.protocol.set(value);
      const allowed = value === 'oidc' ? OIDC_MATCH_BY : SAML_MATCH_BY;
      if (!allowed.includes(this.form.controls.matchBy.value)) this.form.controls.matchBy.setValue('email');
    });
    this.form.controls.metadataSource.valueChanges.subscribe((value) => this.metadataSource.set(value));
    this.load();
  }

  private get slug(): string {
    return this.auth.user()?.tenant?.slug ?? '';
  }

  protected load(): void {
    this.loadError.set(null);
    const sub = this.sso.settings().subscribe({
      next: (settings) => this.show(settings),
      error: (err: unknown) => this.loadError.set(readApiError(err, 'Could not load the sign-in settings. Reload the page to try again.').message),
    });
    this.destroyRef.onDestroy(() => sub.unsubscribe());
    this.cohortsApi.list({ limit: 100 }).subscribe({ next: (page) => this.cohorts.set(page.items), error: () => this.cohorts.set([]) });
    this.refreshAttempts();
  }

  protected refreshAttempts(): void {
    if (!this.slug) return;
    this.sso.attempts(this.slug).subscribe({ next: (attempts) => this.attempts.set(attempts), error: () => this.attempts.set([]) });
  }

  protected onFile(event: Event): void {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return;
    void file.text().then((text) => this.form.controls.metadataXml.setValue(text));
  }

  protected save(): void {
    if (this.pending()) return;
    const v = this.form.getRawValue();
    const body: SsoSettingsRequest = {
      protocol: v.protocol,
      displayName: v.displayName.trim() || null,
      matchBy: v.matchBy,
      enabled: v.enabled,
      testMode: v.testMode,
      studentsSsoOnly: v.studentsSsoOnly,
      jitCohortId: v.jitCohortId || null,
      domains: v.domains.split(/[\s,]+/).map((d) => d.trim()).filter(Boolean),
      ...(v.protocol === 'oidc'
        ? { issuer: v.issuer.trim(), clientId: v.clientId.trim(), ...(v.clientSecret ? { clientSecret: v.clientSecret } : {}) }
        : v.metadataSource === 'url'
          ? { metadataUrl: v.metadataUrl.trim(), attribute: v.attribute.trim() || null }
          : { metadataXml: v.metadataXml, attribute: v.attribute.trim() || null }),
    };
    this.pending.set(true);
    this.saveError.set(null);
    this.fieldErrors.set({});
    this.saved.set(null);
    this.sso.save(body).subscribe({
      next: (settings) => {
        this.pending.set(false);
        this.show(settings);
        this.saved.set('Saved. ' + (settings.enabled ? 'Students see the campus sign-in button now.' : settings.testMode ? 'Use “Try it with your account” to test it.' : 'Campus sign-in is off.'));
      },
      error: (err: unknown) => {
        this.pending.set(false);
        const problem = readApiError(err, 'Could not save. Please try again.');
        const fields = problem.fieldErrors;
        this.fieldErrors.set(fields);
        this.saveError.set(Object.keys(fields).length ? 'Some settings need a fix: see the notes under the fields.' : problem.message);
      },
    });
  }

  protected tryIt(): void {
    this.saveError.set(null);
    this.sso.startTest().subscribe({
      next: ({ url }) => window.location.assign(url),
      error: (err: unknown) => this.saveError.set(readApiError(err, 'Could not start the test. Save the settings with test mode on first.').message),
    });
  }

  protected copy(value: string): void {
    void navigator.clipboard?.writeText(value);
  }

  private show(settings: SsoSettings): void {
    this.settings.set(settings);
    this.protocol.set(settings.protocol);
    this.metadataSource.set(settings.metadataUrl ? 'url' : 'xml');
    this.form.setValue(
      {
        protocol: settings.protocol,
        displayName: settings.displayName ?? '',
        metadataSource: settings.metadataUrl ? 'url' : 'xml',
        metadataXml: settings.metadataUrl ? '' : (settings.metadataXml ?? ''),
        metadataUrl: settings.metadataUrl ?? '',
        issuer: settings.issuer ?? '',
        clientId: settings.clientId ?? '',
        clientSecret: '',
        matchBy: settings.matchBy,
        attribute: settings.attribute ?? '',
        domains: settings.domains.join(', '),
        jitCohortId: settings.jitCohortId ?? '',
        enabled: settings.enabled,
        testMode: settings.testMode,
        studentsSsoOnly: settings.studentsSsoOnly,
      },
      { emitEvent: false },
    );
  }
}
