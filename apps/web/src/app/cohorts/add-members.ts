import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import type { CohortMemberRole, UserSummary } from '@fieldwork/contracts';
import { CohortsService, PeopleService, readApiError } from '@fieldwork/web-core';
import { FwAlert, FwControl, FwField, FwStatusBadge, cursorList, debouncedSearch, pageFocus } from '@fieldwork/web-ui';

export const MEMBER_SEARCH_DEBOUNCE_MS = 300;
export const MEMBER_SEARCH_LIMIT = 20;

/** "student", "advisors": the role's word for `count` people. */
function memberNoun(role: CohortMemberRole, count: number): string {
  return `${role === 'advisor' ? 'advisor' : 'student'}${count === 1 ? '' : 's'}`;
}

/** "Added 3 students. 6 tasks were created from this cohort's homework." */
export function addedMessage(added: number, tasksCreated: number, role: CohortMemberRole): string {
  const first = added ? `Added ${added} ${memberNoun(role, added)}.` : `No one was added: they were already in this cohort.`;
  if (!tasksCreated) return first;
  return `${first} ${tasksCreated} ${tasksCreated === 1 ? 'task was' : 'tasks were'} created from this cohort's homework.`;
}

/** Admin: search the career center's people and add students or advisors to a cohort. */
@Component({
  selector: 'app-add-members',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FwField, FwControl, FwAlert, FwStatusBadge],
  templateUrl: './add-members.html',
})
export class AddMembers {
  private readonly people = inject(PeopleService);
  private readonly cohortsApi = inject(CohortsService);
  private readonly focus = pageFocus();

  readonly cohortId = input.required<string>();
  readonly cohortName = input.required<string>();
  readonly memberIds = input<ReadonlySet<string>>(new Set());
  readonly added = output<string>();

  protected readonly open = signal(false);
  protected readonly role = signal<CohortMemberRole>('student');
  protected readonly query = signal('');
  /** The first matches only (no "Load more": typing more narrows them). */
  protected readonly results = cursorList(
    () => this.people.list({ role: this.role(), q: this.query() || undefined, limit: MEMBER_SEARCH_LIMIT }),
    { errorMessage: (err) => readApiError(err, 'Could not search people.').message },
  );
  protected readonly selected = signal<ReadonlyMap<string, UserSummary>>(new Map());
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly roleNoun = computed(() => memberNoun(this.role(), 2));
  protected readonly selectedList = computed(() => [...this.selected().values()]);
  protected readonly addLabel = computed(() => {
    const n = this.selected().size;
    return n ? `Add ${n} ${memberNoun(this.role(), n)} to ${this.cohortName()}` : `Add ${this.roleNoun()}`;
  });
  protected readonly resultsStatus = computed(() => {
    if (this.results.loading()) return 'Searching…';
    const n = this.results.items().length;
    if (!n) return '';
    return `${n}${this.results.hasMore() ? '+' : ''} ${n === 1 ? 'match' : 'matches'}.`;
  });

  protected readonly onSearch = debouncedSearch((text) => {
    this.query.set(text);
    this.results.reload();
  }, MEMBER_SEARCH_DEBOUNCE_MS);

  protected toggle(): void {
    const open = !this.open();
    this.open.set(open);
    if (open) {
      if (!this.results.items().length) this.results.reload();
      this.focus.after('#member-search');
    }
  }

  protected setRole(role: CohortMemberRole): void {
    if (role === this.role()) return;
    this.role.set(role);
    this.selected.set(new Map());
    this.results.reload();
  }

  protected isMember(user: UserSummary): boolean {
    return this.memberIds().has(user.id);
  }

  protected isSelected(user: UserSummary): boolean {
    return this.selected().has(user.id);
  }

  protected toggleUser(user: UserSummary, event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    this.selected.update((current) => {
      const next = new Map(current);
      if (checked) next.set(user.id, user);
      else next.delete(user.id);
      return next;
    });
  }

  protected submit(): void {
    this.error.set(null);
    const ids = [...this.selected().keys()];
    if (!ids.length) {
      this.error.set(`Choose at least one of the ${this.roleNoun()} above.`);
      return;
    }
    if (this.pending()) return;
    this.pending.set(true);
    const role = this.role();
    this.cohortsApi.addMembers(this.cohortId(), { userIds: ids, role }).subscribe({
      next: (result) => {
        this.pending.set(false);
        this.selected.set(new Map());
        this.added.emit(addedMessage(result.added, result.tasksCreated, role));
      },
      error: (err: unknown) => {
        this.pending.set(false);
        const problem = readApiError(err, 'Could not add them. Please try again.');
        this.error.set([problem.message, ...Object.values(problem.fieldErrors)].join(' '));
      },
    });
  }
}
