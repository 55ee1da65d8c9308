import { ChangeDetectionStrategy, Component, DOCUMENT, DestroyRef, inject, signal, viewChild } from '@angular/core';
import { FormBuilder, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { API_TOKEN_NAME_MAX, type ApiTokenSummary, type CreatedApiToken } from '@fieldwork/contracts';
import { ApiTokensService, TenantTime, readApiError, rosterPushCurl } from '@fieldwork/web-core';
import {
  DataTableColumn,
  ErrorMessages,
  FwAlert,
  FwConfirmDialog,
  FwControl,
  FwDataTable,
  FwField,
  FwRow,
  FwStatusBadge,
  copyToClipboard,
  pageFocus,
  requiredText,
} from '@fieldwork/web-ui';
import type { Subscription } from 'rxjs';

/** Admin: API tokens for the registrar's nightly roster push — make one (shown once, with a curl example), list, revoke. */
@Component({
  selector: 'app-api-tokens-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ReactiveFormsModule, FwField, FwControl, FwAlert, FwDataTable, FwRow, FwStatusBadge, FwConfirmDialog],
  template: `
    <div class="page-header">
      <h1>API tokens</h1>
      <p class="lead">
        A token lets a script — your registrar's nightly job — send the roster file to the
        <a routerLink="/roster-import">roster sync</a> without anyone signing in. A token can do nothing else.
      </p>
    </div>

    <section class="card" aria-labelledby="new-token-heading">
      <h2 id="new-token-heading">Make a token</h2>
      <form class="form" [formGroup]="form" (ngSubmit)="create()" novalidate>
        <fw-field
          label="What is it for?"
          hint="For example “Registrar nightly roster push”. It may import rosters only."
          [messages]="nameMessages"
          [error]="nameError()"
        >
          <input id="token-name" fwControl type="text" autocomplete="off" formControlName="name" [maxLength]="nameMax" />
        </fw-field>
        <div class="form-actions">
          <button type="submit" class="button" [attr.aria-disabled]="busy() ? true : null">{{ busy() ? 'Making…' : 'Make token' }}</button>
        </div>
      </form>

      @if (created(); as made) {
        <fw-alert kind="success" id="new-token" tabindex="-1">
          <p><strong>Token “{{ made.name }}” made. Copy it now: it is not shown again.</strong></p>
          <fw-field label="Token">
            <input id="new-token-value" fwControl type="text" readonly [value]="made.token" (focus)="$any($event.target).select()" />
          </fw-field>
          <p>
            <button type="button" class="button button--secondary button--small" (click)="copy(made.token)">Copy token</button>
            <span class="muted" role="status">{{ copied() }}</span>
          </p>
          <p>The nightly push, as a script sends it (add <code>dryRun=true</code> to only check the file):</p>
          <pre class="code-block" style="white-space: pre-wrap; word-break: break-all; padding: 0.75rem; border: 1px solid currentColor; border-radius: 6px" aria-label="Example: send the roster with curl"><code>{{ curl(made.token) }}</code></pre>
        </fw-alert>
      }
    </section>

    <section class="card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">Tokens</h2>
      <p class="status-line" role="status">{{ announcement() }}</p>
      @if (actionError(); as message) {
        <fw-alert kind="error">{{ message }}</fw-alert>
      }
      @if (loadError(); as message) {
        <fw-alert kind="error" retryable (retry)="load()">{{ message }}</fw-alert>
      }
      @if (items().length) {
        <fw-data-table class="api-tokens" caption="API tokens, active first" hideCaption [columns]="columns">
          <ng-template fwRow [fwRowOf]="items()" [fwRowTrackBy]="byId" let-item>
            <th scope="row">{{ item.name }} <span class="muted">({{ item.scope }})</span></th>
            <td><code>{{ item.hint }}</code></td>
            <td>{{ when(item.createdAt) }} by {{ item.createdBy.name }}</td>
            <td>{{ item.lastUsedAt ? when(item.lastUsedAt) : 'Never' }}</td>
            <td><fw-status-badge [label]="item.revoked ? 'Revoked ' + when(item.revokedAt) : 'Active'" /></td>
            <td>
              @if (!item.revoked) {
                <button type="button" class="button button--secondary button--small" (click)="ask(item)">
                  Revoke…<span class="visually-hidden"> {{ item.name }}</span>
                </button>
              } @else {
                <span class="muted">—</span>
              }
            </td>
          </ng-template>
        </fw-data-table>
      } @else if (!loading() && !loadError()) {
        <p class="empty">No API tokens yet.</p>
      }
      <fw-confirm-dialog (answer)="$event && revoke()" />
    </section>
  `,
})
export class ApiTokensPage {
  private readonly tokens = inject(ApiTokensService);
  private readonly time = inject(TenantTime);
  private readonly focus = pageFocus();
  private request: Subscription | null = null;

  protected readonly nameMax = API_TOKEN_NAME_MAX;
  protected readonly form = inject(FormBuilder).nonNullable.group({ name: ['', [requiredText, Validators.maxLength(API_TOKEN_NAME_MAX)]] });
  protected readonly nameMessages: ErrorMessages = {
    required: 'Say what the token is for, for example “Registrar nightly roster push”.',
  };
  private readonly formDirective = viewChild.required(FormGroupDirective);
  /** The API's refusal of the name. */
  protected readonly nameError = signal<string | null>(null);
  protected readonly created = signal<CreatedApiToken | null>(null);
  protected readonly copied = signal('');
  protected readonly items = signal<ApiTokenSummary[]>([]);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly announcement = signal('');
  protected readonly busy = signal(false);
  protected readonly columns: DataTableColumn[] = [
    { header: 'Name' },
    { header: 'Token' },
    { header: 'Made' },
    { header: 'Last used' },
    { header: 'Status' },
    { header: 'Actions' },
  ];
  protected readonly byId = (item: ApiTokenSummary) => item.id;
  private readonly confirmDialog = viewChild.required(FwConfirmDialog);
  /** The token the open confirmation is about. */
  private revoking: ApiTokenSummary | null = null;
  private readonly document = inject(DOCUMENT);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
    this.load();
  }

  load(): void {
    this.request?.unsubscribe();
    this.loading.set(true);
    this.loadError.set(null);
    this.request = this.tokens.list().subscribe({
      next: ({ items }) => {
        this.items.set(items);
        this.loading.set(false);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.loadError.set(readApiError(err, 'Could not load the API tokens.').message);
      },
    });
  }

  protected when(iso: string | null): string {
    return this.time.format(iso);
  }

  protected curl(token: string): string {
    return rosterPushCurl(typeof location === 'undefined' ? '' : location.origin, token);
  }

  protected create(): void {
    if (this.busy()) return;
    this.nameError.set(null);
    if (this.form.invalid) {
      this.focus.firstInvalid();
      return;
    }
    this.actionError.set(null);
    this.busy.set(true);
    this.tokens.create({ name: this.form.controls.name.value.trim(), scope: 'roster:import' }).subscribe({
      next: (made) => {
        this.busy.set(false);
        this.formDirective().resetForm({ name: '' });
        this.copied.set('');
        this.created.set(made);
        const { token: _token, ...summary } = made;
        this.items.update((list) => [summary, ...list]);
        this.focus.after('#new-token');
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.nameError.set(readApiError(err, 'Could not make the token. Please try again.').message);
        this.focus.after('#token-name');
      },
    });
  }

  protected async copy(token: string): Promise<void> {
    const copied = await copyToClipboard(this.document, token);
    this.copied.set(copied ? 'Copied.' : 'Could not copy: select the token and copy it yourself.');
  }

  protected ask(item: ApiTokenSummary): void {
    this.actionError.set(null);
    this.revoking = item;
    void this.confirmDialog().open({
      title: `Revoke “${item.name}”?`,
      message: 'Scripts using it stop working at once.',
      confirmLabel: 'Yes, revoke it',
      danger: true,
    });
  }

  protected revoke(): void {
    const item = this.revoking;
    if (!item || this.busy()) return;
    this.busy.set(true);
    this.tokens.revoke(item.id).subscribe({
      next: () => {
        this.busy.set(false);
        if (this.created()?.id === item.id) this.created.set(null);
        this.announcement.set(`Revoked “${item.name}”: it no longer works.`);
        this.load();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.actionError.set(`Could not revoke: ${readApiError(err).message}`);
      },
    });
  }
}
