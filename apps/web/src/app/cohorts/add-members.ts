import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { CohortMemberRole, UserSummary } from '@fieldwork/contracts';
import { CohortsService, PeopleService, readApiError } from '@fieldwork/web-core';
import { Subject, Subscription, debounceTime, distinctUntilChanged, map } from 'rxjs';

export const MEMBER_SEARCH_DEBOUNCE_MS = 300;
export const MEMBER_SEARCH_LIMIT = 20;

/** "Added 3 students. 6 tasks were created from this cohort's homework." */
export function addedMessage(added: number, tasksCreated: number, role: CohortMemberRole): string {
  const noun = role === 'advisor' ? (added === 1 ? 'advisor' : 'advisors') : added === 1 ? 'student' : 'students';
  const first = added ? `Added ${added} ${noun}.` : `No one was added: they were already in this cohort.`;
  if (!tasksCreated) return first;
  return `${first} ${tasksCreated} ${tasksCreated === 1 ? 'task was' : 'tasks were'} created from this cohort's homework.`;
}

/** Admin: search the career center's people and add students or advisors to a cohort. */
@Component({
  selector: 'app-add-members',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './add-members.html',
})
export class AddMembers {
  private readonly people = inject(PeopleService);
  private readonly cohortsApi = inject(CohortsService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly search$ = new Subject<string>();
  private request: Subscription | null = null;

  readonly cohortId = input.required<string>();
  readonly cohortName = input.required<string>();
  readonly memberIds = input<ReadonlySet<string>>(new Set());
  readonly added = output<string>();

  protected readonly open = signal(false);
  protected readonly role = signal<CohortMemberRole>('student');
  protected readonly query = signal('');
  protected readonly results = signal<UserSummary[]>([]);
  protected readonly more = signal(false);
  protected readonly searching = signal(false);
  protected readonly searchError = signal<string | null>(null);
  protected readonly selected = signal<ReadonlyMap<string, UserSummary>>(new Map());
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly roleNoun = computed(() => (this.role() === 'advisor' ? 'advisors' : 'students'));
  protected readonly selectedList = computed(() => [...this.selected().values()]);
  protected readonly addLabel = computed(() => {
    const n = this.selected().size;
    const noun = this.role() === 'advisor' ? (n === 1 ? 'advisor' : 'advisors') : n === 1 ? 'student' : 'students';
    return n ? `Add ${n} ${noun} to ${this.cohortName()}` : `Add ${this.roleNoun()}`;
  });
  protected readonly resultsStatus = computed(() => {
    if (this.searching()) return 'Searching…';
    const n = this.results().length;
    if (!n) return '';
    return `${n}${this.more() ? '+' : ''} ${n === 1 ? 'match' : 'matches'}.`;
  });

  constructor() {
    this.search$
      .pipe(
        map((text) => text.trim()),
        debounceTime(MEMBER_SEARCH_DEBOUNCE_MS),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe((text) => {
        this.query.set(text);
        this.search();
      });
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  protected toggle(): void {
    const open = !this.open();
    this.open.set(open);
    if (open) {
      if (!this.results().length) this.search();
      afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('#member-search')?.focus(), {
        injector: this.injector,
      });
    }
  }

  protected setRole(role: CohortMemberRole): void {
    if (role === this.role()) return;
    this.role.set(role);
    this.selected.set(new Map());
    this.search();
  }

  protected onSearch(event: Event): void {
    this.search$.next((event.target as HTMLInputElement).value);
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

  private search(): void {
    this.request?.unsubscribe();
    this.searching.set(true);
    this.searchError.set(null);
    this.request = this.people
      .list({ role: this.role(), q: this.query() || undefined, limit: MEMBER_SEARCH_LIMIT })
      .subscribe({
        next: (page) => {
          this.results.set(page.items);
          this.more.set(!!page.nextCursor);
          this.searching.set(false);
        },
        error: (err: unknown) => {
          this.searching.set(false);
          this.searchError.set(readApiError(err, 'Could not search people.').message);
        },
      });
  }
}
