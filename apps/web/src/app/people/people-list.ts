import { ChangeDetectionStrategy, Component, Injector, afterNextRender, computed, inject, signal } from '@angular/core';
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
import {
  DataTableColumn,
  FwAlert,
  FwControl,
  FwDataTable,
  FwField,
  FwLoadMore,
  FwRow,
  FwStatusBadge,
  cursorList,
  debouncedSearch,
  pageFocus,
} from '@fieldwork/web-ui';
import { Observable } from 'rxjs';

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
  imports: [FwField, FwControl, FwAlert, FwStatusBadge, FwDataTable, FwRow, FwLoadMore],
  templateUrl: './people-list.html',
})
export class PeopleList {
  private readonly people = inject(PeopleService);
  private readonly erasure = inject(ErasureService);
  private readonly twoStep = inject(TwoStepService);
  private readonly auth = inject(AuthService);
  private readonly focus = pageFocus();
  private readonly injector = inject(Injector);

  protected readonly roles = ROLES.map((value) => ({ value, label: roleLabel(value) }));
  protected readonly statusLabels = USER_STATUS_LABELS;
  protected readonly statusOf = userStatus;
  protected readonly roleLabel = roleLabel;
  protected readonly columns: DataTableColumn[] = [
    { header: 'Name' },
    { header: 'Email' },
    { header: 'Role' },
    { header: 'Status' },
    { header: 'Actions' },
  ];
  protected readonly byId = (user: UserSummary) => user.id;

  protected readonly role = signal<Role | ''>('');
  protected readonly query = signal('');
  protected readonly users = cursorList(
    (cursor) =>
      this.people.list({
        role: this.role() || undefined,
        q: this.query() || undefined,
        cursor: cursor ?? undefined,
        limit: PEOPLE_PAGE_SIZE,
      }),
    {
      errorMessage: (err) => {
        this.announcement.set('');
        return readApiError(err, 'Could not load people.').message;
      },
      onPage: () => this.announcement.set(this.countText()),
    },
  );
  protected readonly actionError = signal<string | null>(null);
  protected readonly announcement = signal('');
  protected readonly busy = signal<ReadonlySet<string>>(new Set());
  protected readonly meId = computed(() => this.auth.user()?.id ?? null);
  protected readonly filtered = computed(() => !!this.role() || !!this.query());
  protected readonly confirming = signal<PendingChange | null>(null);
  protected readonly tenantName = computed(() => this.auth.user()?.tenant?.name ?? 'your career center');

  protected readonly onSearch = debouncedSearch((text) => {
    this.query.set(text);
    this.reload();
  }, SEARCH_DEBOUNCE_MS);

  constructor() {
    this.reload();
  }

  /** Loads the first page again with the current filters. */
  reload(): void {
    this.announcement.set('Loading people…');
    this.users.reload();
  }

  protected onRoleFilter(event: Event): void {
    this.role.set((event.target as HTMLSelectElement).value as Role | '');
    this.reload();
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
    this.run(user, this.twoStep.sendPasswordReset(user.id), {
      done: () => `We e-mailed ${user.name} a link to choose a new password. It works for 30 minutes.`,
    });
  }

  /** "Reset two-step sign-in" (a lost phone): it is turned off, and the person is signed out everywhere. */
  protected resetTwoStep(user: UserSummary): void {
    this.run(user, this.twoStep.resetFor(user.id), {
      done: () => `Two-step sign-in is off for ${user.name}, and they are signed out everywhere. They can set it up again in Settings.`,
    });
  }

  /** "Delete this person's account…": asks first, then starts a deletion request an administrator approves. */
  protected askToDelete(user: UserSummary): void {
    this.ask({ kind: 'delete', user });
  }

  private startDeletion(user: UserSummary): void {
    this.run(user, this.erasure.startFor(user.id), {
      done: () => `A deletion request for ${user.name} is waiting for approval on the Deletion requests page.`,
      failed: (message) => `Could not start deleting ${user.name}: ${message}`,
    });
  }

  private ask(change: PendingChange): void {
    this.cancelPending();
    this.actionError.set(null);
    this.confirming.set(change);
    this.focus.after('#people-confirm-heading');
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
      this.focus.after(`[data-user-actions="${change.user.id}"] button`);
    }
  }

  private countText(): string {
    const n = this.users.items().length;
    const noun = n === 1 ? 'person' : 'people';
    const more = this.users.hasMore() ? ' (more to load)' : '';
    return this.filtered() ? `${n} ${noun} match${n === 1 ? 'es' : ''}${more}.` : `Showing ${n} ${noun}${more}.`;
  }

  private update(
    user: UserSummary,
    changes: UpdateUserRequest,
    describe: (updated: UserSummary) => string,
    revert?: () => void,
  ): void {
    this.run(user, this.people.update(user.id, changes), {
      done: (updated) => {
        this.users.replace((list) => list.map((u) => (u.id === updated.id ? updated : u)));
        return describe(updated);
      },
      failed: (message) => {
        revert?.();
        return `Could not update ${user.name}: ${message}`;
      },
    });
  }

  /**
   * One row action: while `request` runs the person's buttons are busy; then `done` says what happened
   * (announced), or `failed` words the error (shown in the alert; the API's message alone by default).
   */
  private run<T>(
    user: UserSummary,
    request: Observable<T>,
    words: { done: (result: T) => string; failed?: (message: string) => string },
  ): void {
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
      next: (result) => {
        this.announcement.set(words.done(result));
        free();
      },
      error: (err: unknown) => {
        const message = readApiError(err).message;
        this.actionError.set(words.failed ? words.failed(message) : message);
        free();
      },
    });
  }
}
