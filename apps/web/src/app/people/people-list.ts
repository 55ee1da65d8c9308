import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ROLES, Role, UpdateUserRequest, UserSummary } from '@fieldwork/contracts';
import {
  AuthService,
  ErasureService,
  PeopleService,
  TwoStepService,
  USER_STATUS_LABELS,
  readApiError,
  roleLabel,
  roleWithArticle,
  userStatus,
} from '@fieldwork/web-core';
import { Observable, Subject, Subscription, debounceTime, distinctUntilChanged, map } from 'rxjs';

export const PEOPLE_PAGE_SIZE = 25;
export const SEARCH_DEBOUNCE_MS = 300;

/**
 * A change that asks first: making someone an administrator (they can then
 * change everyone's roles and read the audit log) or deactivating them.
 */
export type PendingChange =
  | { kind: 'admin'; user: UserSummary; select: HTMLSelectElement }
  | { kind: 'deactivate'; user: UserSummary }
  | { kind: 'delete'; user: UserSummary };

/** Admin: everyone in the career center, with filters, paging and row actions. */
@Component({
  selector: 'app-people-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './people-list.html',
})
export class PeopleList {
  private readonly people = inject(PeopleService);
  private readonly erasure = inject(ErasureService);
  private readonly twoStep = inject(TwoStepService);
  private readonly auth = inject(AuthService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly search$ = new Subject<string>();
  private listRequest: Subscription | null = null;

  protected readonly roles = ROLES.map((value) => ({ value, label: roleLabel(value) }));
  protected readonly statusLabels = USER_STATUS_LABELS;
  protected readonly statusOf = userStatus;
  protected readonly roleLabel = roleLabel;

  protected readonly role = signal<Role | ''>('');
  protected readonly query = signal('');
  protected readonly users = signal<UserSummary[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadingMore = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly announcement = signal('');
  protected readonly busy = signal<ReadonlySet<string>>(new Set());
  protected readonly meId = computed(() => this.auth.user()?.id ?? null);
  protected readonly filtered = computed(() => !!this.role() || !!this.query());
  protected readonly confirming = signal<PendingChange | null>(null);
  protected readonly tenantName = computed(() => this.auth.user()?.tenant?.name ?? 'your career center');

  constructor() {
    this.search$
      .pipe(
        map((text) => text.trim()),
        debounceTime(SEARCH_DEBOUNCE_MS),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe((text) => {
        this.query.set(text);
        this.reload();
      });
    inject(DestroyRef).onDestroy(() => this.listRequest?.unsubscribe());
    this.reload();
  }

  /** Loads the first page again with the current filters. */
  reload(): void {
    this.fetch(null);
  }

  protected onSearch(event: Event): void {
    this.search$.next((event.target as HTMLInputElement).value);
  }

  protected onRoleFilter(event: Event): void {
    this.role.set((event.target as HTMLSelectElement).value as Role | '');
    this.reload();
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (cursor && !this.loadingMore()) this.fetch(cursor);
  }

  protected isBusy(user: UserSummary): boolean {
    return this.busy().has(user.id);
  }

  protected changeRole(user: UserSummary, event: Event): void {
    const select = event.target as HTMLSelectElement;
    const role = select.value as Role;
    if (role === user.role) return;
    if (role === 'admin') {
      this.ask({ kind: 'admin', user, select });
      return;
    }
    this.cancelPending();
    this.applyRole(user, role, select);
  }

  protected toggleActive(user: UserSummary): void {
    if (user.active) {
      this.ask({ kind: 'deactivate', user });
      return;
    }
    this.cancelPending();
    this.update(user, { active: true }, (updated) => `${updated.name} is active again and can sign in.`);
  }

  /** "Yes": the change the admin was asked about. */
  protected confirm(): void {
    const pending = this.confirming();
    if (!pending) return;
    this.confirming.set(null);
    if (pending.kind === 'admin') {
      this.applyRole(pending.user, 'admin', pending.select);
    } else if (pending.kind === 'delete') {
      this.startDeletion(pending.user);
    } else {
      this.update(pending.user, { active: false }, (updated) => `${updated.name} is deactivated and can no longer sign in.`);
    }
    this.focusRow(pending);
  }

  /** "Cancel": nothing changes; the role select goes back to the current role. */
  protected cancel(): void {
    const pending = this.confirming();
    this.cancelPending();
    if (pending) {
      this.announcement.set(`Nothing changed for ${pending.user.name}.`);
      this.focusRow(pending);
    }
  }

  /** "Send password reset": e-mails the person a link (30 minutes) to choose a new password. */
  protected sendPasswordReset(user: UserSummary): void {
    this.peopleAction(user, this.twoStep.sendPasswordReset(user.id), () =>
      this.announcement.set(`We e-mailed ${user.name} a link to choose a new password. It works for 30 minutes.`),
    );
  }

  /** "Reset two-step sign-in" (a lost phone): it is turned off, and the person is signed out everywhere. */
  protected resetTwoStep(user: UserSummary): void {
    this.peopleAction(user, this.twoStep.resetFor(user.id), () =>
      this.announcement.set(`Two-step sign-in is off for ${user.name}, and they are signed out everywhere. They can set it up again in Settings.`),
    );
  }

  private peopleAction(user: UserSummary, request: Observable<unknown>, done: () => void): void {
    if (this.isBusy(user)) return;
    this.actionError.set(null);
    this.busy.update((ids) => new Set(ids).add(user.id));
    const free = () =>
      this.busy.update((ids) => {
        const next = new Set(ids);
        next.delete(user.id);
        return next;
      });
    request.subscribe({
      next: () => {
        done();
        free();
      },
      error: (err: unknown) => {
        this.actionError.set(readApiError(err).message);
        free();
      },
    });
  }

  /** "Delete this person's account…": asks first, then starts a deletion request an administrator approves. */
  protected askToDelete(user: UserSummary): void {
    this.ask({ kind: 'delete', user });
  }

  private startDeletion(user: UserSummary): void {
    if (this.isBusy(user)) return;
    this.actionError.set(null);
    this.busy.update((ids) => new Set(ids).add(user.id));
    const done = () =>
      this.busy.update((ids) => {
        const next = new Set(ids);
        next.delete(user.id);
        return next;
      });
    this.erasure.startFor(user.id).subscribe({
      next: () => {
        this.announcement.set(`A deletion request for ${user.name} is waiting for approval on the Deletion requests page.`);
        done();
      },
      error: (err: unknown) => {
        this.actionError.set(`Could not start deleting ${user.name}: ${readApiError(err).message}`);
        done();
      },
    });
  }

  private ask(change: PendingChange): void {
    this.cancelPending();
    this.actionError.set(null);
    this.confirming.set(change);
    this.focus('#people-confirm-heading');
  }

  private cancelPending(): void {
    const pending = this.confirming();
    if (pending?.kind === 'admin') pending.select.value = pending.user.role;
    this.confirming.set(null);
  }

  private applyRole(user: UserSummary, role: Role, select: HTMLSelectElement): void {
    this.update(
      user,
      { role },
      (updated) => `${updated.name} is now ${roleWithArticle(updated.role)}.`,
      () => (select.value = user.role),
    );
  }

  private focusRow(change: PendingChange): void {
    if (change.kind === 'admin') {
      afterNextRender(() => change.select.focus(), { injector: this.injector });
    } else {
      this.focus(`[data-user-actions="${change.user.id}"] button`);
    }
  }

  private focus(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }

  private fetch(cursor: string | null): void {
    const append = cursor !== null;
    if (!append) {
      this.listRequest?.unsubscribe();
      this.loading.set(true);
      this.announcement.set('Loading people…');
    } else {
      this.loadingMore.set(true);
    }
    this.loadError.set(null);
    const request = this.people
      .list({
        role: this.role() || undefined,
        q: this.query() || undefined,
        cursor: cursor ?? undefined,
        limit: PEOPLE_PAGE_SIZE,
      })
      .subscribe({
        next: (page) => {
          this.users.update((current) => (append ? [...current, ...page.items] : page.items));
          this.nextCursor.set(page.nextCursor);
          this.loading.set(false);
          this.loadingMore.set(false);
          this.announcement.set(this.countText());
        },
        error: (err: unknown) => {
          this.loading.set(false);
          this.loadingMore.set(false);
          this.announcement.set('');
          this.loadError.set(readApiError(err, 'Could not load people.').message);
        },
      });
    if (!append) this.listRequest = request;
  }

  private countText(): string {
    const n = this.users().length;
    const noun = n === 1 ? 'person' : 'people';
    const more = this.nextCursor() ? ' (more to load)' : '';
    return this.filtered() ? `${n} ${noun} match${n === 1 ? 'es' : ''}${more}.` : `Showing ${n} ${noun}${more}.`;
  }

  private update(
    user: UserSummary,
    changes: UpdateUserRequest,
    describe: (updated: UserSummary) => string,
    revert?: () => void,
  ): void {
    if (this.isBusy(user)) return;
    this.actionError.set(null);
    this.busy.update((ids) => new Set(ids).add(user.id));
    const done = () =>
      this.busy.update((ids) => {
        const next = new Set(ids);
        next.delete(user.id);
        return next;
      });
    this.people.update(user.id, changes).subscribe({
      next: (updated) => {
        this.users.update((list) => list.map((u) => (u.id === updated.id ? updated : u)));
        this.announcement.set(describe(updated));
        done();
      },
      error: (err: unknown) => {
        revert?.();
        this.actionError.set(`Could not update ${user.name}: ${readApiError(err).message}`);
        done();
      },
    });
  }
}
