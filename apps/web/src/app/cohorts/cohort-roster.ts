import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import type { CohortDetail, CohortMember } from '@fieldwork/contracts';
import { CohortsService, formatDay, readApiError } from '@fieldwork/web-core';
import { AddMembers } from './add-members';

/** Who is in the cohort; admins add and remove people. */
@Component({
  selector: 'app-cohort-roster',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AddMembers],
  templateUrl: './cohort-roster.html',
})
export class CohortRoster {
  private readonly cohortsApi = inject(CohortsService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly cohort = input.required<CohortDetail>();
  readonly canManage = input(false);
  readonly changed = output<void>();

  protected readonly formatDay = formatDay;
  protected readonly filter = signal('');
  protected readonly confirming = signal<string | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly status = signal('');
  protected readonly error = signal<string | null>(null);

  /** Advisors first, then students, each by name. */
  protected readonly members = computed(() => {
    const q = this.filter().trim().toLowerCase();
    return [...this.cohort().members]
      .filter((m) => !q || m.name.toLowerCase().includes(q) || m.email.toLowerCase().includes(q))
      .sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name) : a.role === 'advisor' ? -1 : 1));
  });
  protected readonly memberIds = computed(() => new Set(this.cohort().members.map((m) => m.userId)));

  protected onFilter(event: Event): void {
    this.filter.set((event.target as HTMLInputElement).value);
  }

  protected askRemove(member: CohortMember): void {
    this.error.set(null);
    this.confirming.set(member.userId);
    this.focusLater(`[data-confirm="${member.userId}"]`);
  }

  protected keep(member: CohortMember): void {
    this.confirming.set(null);
    this.focusLater(`[data-remove="${member.userId}"]`);
  }

  private focusLater(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), {
      injector: this.injector,
    });
  }

  protected remove(member: CohortMember): void {
    if (this.busy()) return;
    this.busy.set(member.userId);
    this.cohortsApi.removeMember(this.cohort().id, member.userId).subscribe({
      next: () => {
        this.busy.set(null);
        this.confirming.set(null);
        this.status.set(`${member.name} was removed from ${this.cohort().name}.`);
        this.focusLater('#roster-status');
        this.changed.emit();
      },
      error: (err: unknown) => {
        this.busy.set(null);
        this.error.set(`Could not remove ${member.name}: ${readApiError(err).message}`);
      },
    });
  }

  protected onAdded(message: string): void {
    this.status.set(message);
    this.changed.emit();
  }
}
