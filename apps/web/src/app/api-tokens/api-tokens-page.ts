import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, Injector, afterNextRender, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { API_TOKEN_NAME_MAX, type ApiTokenSummary, type CreatedApiToken } from '@fieldwork/contracts';
import { ApiTokensService, TenantTime, readApiError, rosterPushCurl } from '@fieldwork/web-core';
import type { Subscription } from 'rxjs';

/** Admin: API tokens for the registrar's nightly roster push — make one (shown once, with a curl example), list, revoke. */
@Component({
  selector: 'app-api-tokens-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
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
      <form class="form" (submit)="create($event)" novalidate>
        <div class="field">
          <label for="token-name">What is it for?</label>
          <input
            id="token-name"
            type="text"
            autocomplete="off"
            [maxLength]="nameMax"
            [value]="name()"
            (input)="name.set($any($event.target).value)"
            [attr.aria-invalid]="nameError() ? true : null"
            [attr.aria-describedby]="nameError() ? 'token-name-hint token-name-error' : 'token-name-hint'"
          />
          <p class="hint" id="token-name-hint">For example “Registrar nightly roster push”. It may import rosters only.</p>
          @if (nameError(); as message) {
            <p class="field-error" id="token-name-error">{{ message }}</p>
          }
        </div>
        <div class="form-actions">
          <button type="submit" class="button" [attr.aria-disabled]="busy() ? true : null">{{ busy() ? 'Making…' : 'Make token' }}</button>
        </div>
      </form>

      @if (created(); as made) {
        <div class="alert alert--success" id="new-token" tabindex="-1" role="status">
          <p><strong>Token “{{ made.name }}” made. Copy it now: it is not shown again.</strong></p>
          <div class="field">
            <label for="new-token-value">Token</label>
            <input id="new-token-value" type="text" readonly [value]="made.token" (focus)="$any($event.target).select()" />
          </div>
          <p>
            <button type="button" class="button button--secondary button--small" (click)="copy(made.token)">Copy token</button>
            <span class="muted" role="status">{{ copied() }}</span>
          </p>
          <p>The nightly push, as a script sends it (add <code>dryRun=true</code> to only check the file):</p>
          <pre class="code-block" style="white-space: pre-wrap; word-break: break-all; padding: 0.75rem; border: 1px solid currentColor; border-radius: 6px" aria-label="Example: send the roster with curl"><code>{{ curl(made.token) }}</code></pre>
        </div>
      }
    </section>

    <section class="card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">Tokens</h2>
      <p class="status-line" role="status">{{ announcement() }}</p>
      @if (actionError(); as message) {
        <div class="alert alert--error" role="alert"><p>{{ message }}</p></div>
      }
      @if (loadError(); as message) {
        <div class="alert alert--error" role="alert">
          <p>{{ message }}</p>
          <p><button type="button" class="button button--secondary button--small" (click)="load()">Try again</button></p>
        </div>
      }
      @if (items().length) {
        <table class="table table--stack api-tokens">
          <caption class="visually-hidden">API tokens, active first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Token</th>
              <th scope="col">Made</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            @for (item of items(); track item.id) {
              <tr [attr.data-token]="item.id">
                <th scope="row" data-label="Name">{{ item.name }} <span class="muted">({{ item.scope }})</span></th>
                <td data-label="Token"><code>{{ item.hint }}</code></td>
                <td data-label="Made">{{ when(item.createdAt) }} by {{ item.createdBy.name }}</td>
                <td data-label="Last used">{{ item.lastUsedAt ? when(item.lastUsedAt) : 'Never' }}</td>
                <td data-label="Status">
                  <span class="badge">{{ item.revoked ? 'Revoked ' + when(item.revokedAt) : 'Active' }}</span>
                </td>
                <td data-label="Actions">
                  @if (!item.revoked) {
                    @if (confirming() === item.id) {
                      <div role="group" [attr.aria-labelledby]="'revoke-' + item.id">
                        <p [id]="'revoke-' + item.id" tabindex="-1">
                          <strong>Revoke “{{ item.name }}”?</strong> Scripts using it stop working at once.
                        </p>
                        <div class="row-actions">
                          <button type="button" class="button button--danger button--small" [disabled]="busy()" (click)="revoke(item)">
                            Yes, revoke it
                          </button>
                          <button type="button" class="button button--secondary button--small" (click)="confirming.set(null)">Cancel</button>
                        </div>
                      </div>
                    } @else {
                      <button type="button" class="button button--secondary button--small" (click)="ask(item)">
                        Revoke…<span class="visually-hidden"> {{ item.name }}</span>
                      </button>
                    }
                  } @else {
                    <span class="muted">—</span>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      } @else if (!loading() && !loadError()) {
        <p class="empty">No API tokens yet.</p>
      }
    </section>
  `,
})
export class ApiTokensPage {
  private readonly tokens = inject(ApiTokensService);
  private readonly time = inject(TenantTime);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private request: Subscription | null = null;

  protected readonly nameMax = API_TOKEN_NAME_MAX;
  protected readonly name = signal('');
  protected readonly nameError = signal<string | null>(null);
  protected readonly created = signal<CreatedApiToken | null>(null);
  protected readonly copied = signal('');
  protected readonly items = signal<ApiTokenSummary[]>([]);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly announcement = signal('');
  protected readonly confirming = signal<string | null>(null);
  protected readonly busy = signal(false);

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

  protected create(event: Event): void {
    event.preventDefault();
    if (this.busy()) return;
    const name = this.name().trim();
    if (!name) {
      this.nameError.set('Say what the token is for, for example “Registrar nightly roster push”.');
      this.focus('#token-name');
      return;
    }
    this.nameError.set(null);
    this.actionError.set(null);
    this.busy.set(true);
    this.tokens.create({ name, scope: 'roster:import' }).subscribe({
      next: (made) => {
        this.busy.set(false);
        this.name.set('');
        this.copied.set('');
        this.created.set(made);
        const { token: _token, ...summary } = made;
        this.items.update((list) => [summary, ...list]);
        this.focus('#new-token');
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.nameError.set(readApiError(err, 'Could not make the token. Please try again.').message);
        this.focus('#token-name');
      },
    });
  }

  protected async copy(token: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(token);
      this.copied.set('Copied.');
    } catch {
      this.copied.set('Could not copy: select the token and copy it yourself.');
    }
  }

  protected ask(item: ApiTokenSummary): void {
    this.actionError.set(null);
    this.confirming.set(item.id);
    this.focus(`#revoke-${item.id}`);
  }

  protected revoke(item: ApiTokenSummary): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.tokens.revoke(item.id).subscribe({
      next: () => {
        this.busy.set(false);
        this.confirming.set(null);
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

  private focus(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }
}
