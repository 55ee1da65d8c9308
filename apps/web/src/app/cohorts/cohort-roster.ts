import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import type { CohortDetail, CohortMember } from '@fieldwork/contracts';
import { CohortsService, formatDay, readApiError } from '@fieldwork/web-core';
import { ConfirmDialog, DataTableColumn, FwAlert, FwControl, FwDataTable, FwField, FwRow, FwStatusBadge, pageFocus } from '@fieldwork/web-ui';
import { AddMembers } from './add-members';

const COLUMNS: DataTableColumn[] = [{ header: 'Name' }, { header: 'Email' }, { header: 'Role' }, { header: 'Status' }, { header: 'Joined' }];

/** Who is in the cohort; admins add and remove people. */
@Component({
  selector: 'app-cohort-roster',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AddMembers, FwAlert, FwField, FwControl, FwDataTable, FwRow, FwStatusBadge],
  templateUrl: './cohort-roster.html',
})
export class CohortRoster {
  private readonly cohortsApi = inject(CohortsService);
  private readonly confirmDialog = inject(ConfirmDialog);
  private readonly focus = pageFocus();

  readonly cohort = input.required<CohortDetail>();
  readonly canManage = input(false);
  readonly changed = output<void>();

  protected readonly formatDay = formatDay;
  protected readonly filter = signal('');
  protected readonly busy = signal<string | null>(null);
  protected readonly status = signal('');
  protected readonly error = signal<string | null>(null);
  protected readonly columns = computed(() => (this.canManage() ? [...COLUMNS, { header: 'Actions' }] : COLUMNS));
  protected readonly byId = (member: CohortMember) => member.userId;

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

  /** Asks first, then takes `member` out of the cohort (their account and work stay). */
  protected async remove(member: CohortMember): Promise<void> {
    if (this.busy()) return;
    this.error.set(null);
    const sure = await this.confirmDialog.ask({
      title: `Remove ${member.name}?`,
      message: `${member.name} leaves ${this.cohort().name}.`,
      confirmLabel: 'Yes, remove',
      cancelLabel: 'Keep',
      danger: true,
    });
    if (!sure || this.busy()) return;
    this.busy.set(member.userId);
    this.cohortsApi.removeMember(this.cohort().id, member.userId).subscribe({
      next: () => {
        this.busy.set(null);
        this.status.set(`${member.name} was removed from ${this.cohort().name}.`);
        this.focus.after('#roster-status');
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
