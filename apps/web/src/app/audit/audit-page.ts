import { KeyValuePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { AUDIT_ACTIONS, AUDIT_ACTION_LABELS, type AuditAction, type AuditEvent, type UserSummary } from '@fieldwork/contracts';
import { AuditLogService, PeopleService, TenantTime, auditActionLabel, auditDetailsText, fullDateTimeText, readApiError } from '@fieldwork/web-core';
import { Subscription } from 'rxjs';

export const AUDIT_PAGE_SIZE = 50;

type FilterField = 'actorId' | 'action' | 'from' | 'to';

/** Admins: who did what, newest first, with filters and "load more". */
@Component({
  selector: 'app-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [KeyValuePipe],
  templateUrl: './audit-page.html',
})
export class AuditPage {
  private readonly auditLog = inject(AuditLogService);
  private readonly people = inject(PeopleService);
  private request: Subscription | null = null;

  protected readonly actions = [...AUDIT_ACTIONS]
    .map((value) => ({ value, label: AUDIT_ACTION_LABELS[value] }))
    .sort((a, b) => a.label.localeCompare(b.label));
  protected readonly actionLabel = auditActionLabel;
  protected readonly details = auditDetailsText;
  private readonly time = inject(TenantTime);
  /** "Mar 3, 2026, 3:04 PM" in the career center's zone (" ET" when the browser is elsewhere). */
  protected readonly full = (iso: string) => fullDateTimeText(iso, this.time.zone());

  protected readonly actors = signal<UserSummary[]>([]);
  protected readonly actorId = signal('');
  protected readonly action = signal<AuditAction | ''>('');
  protected readonly from = signal('');
  protected readonly to = signal('');
  protected readonly filtered = computed(() => !!(this.actorId() || this.action() || this.from() || this.to()));

  protected readonly items = signal<AuditEvent[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadingMore = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly fieldErrors = signal<Partial<Record<FilterField, string>>>({});
  protected readonly announcement = signal('');

  constructor() {
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
    this.people.list({ limit: 200 }).subscribe({ next: (page) => this.actors.set(page.items) });
    this.reload();
  }

  protected onActor(event: Event): void {
    this.actorId.set((event.target as HTMLSelectElement).value);
    this.reload();
  }

  protected onAction(event: Event): void {
    this.action.set((event.target as HTMLSelectElement).value as AuditAction | '');
    this.reload();
  }

  protected onFrom(event: Event): void {
    this.from.set((event.target as HTMLInputElement).value);
    this.reload();
  }

  protected onTo(event: Event): void {
    this.to.set((event.target as HTMLInputElement).value);
    this.reload();
  }

  protected clearFilters(): void {
    this.actorId.set('');
    this.action.set('');
    this.from.set('');
    this.to.set('');
    this.reload();
  }

  protected reload(): void {
    this.fetch(null);
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (cursor && !this.loadingMore() && !this.loading()) this.fetch(cursor);
  }

  private fetch(cursor: string | null): void {
    const append = cursor !== null;
    this.request?.unsubscribe();
    if (append) {
      this.loadingMore.set(true);
    } else {
      this.loading.set(true);
      this.loadingMore.set(false);
      this.announcement.set('Loading the audit log…');
    }
    this.loadError.set(null);
    this.fieldErrors.set({});
    this.request = this.auditLog
      .list({
        actorId: this.actorId() || undefined,
        action: this.action() || undefined,
        from: this.from() || undefined,
        to: this.to() || undefined,
        cursor: cursor ?? undefined,
        limit: AUDIT_PAGE_SIZE,
      })
      .subscribe({
        next: (page) => {
          this.items.update((list) => (append ? [...list, ...page.items] : page.items));
          this.nextCursor.set(page.nextCursor);
          this.loading.set(false);
          this.loadingMore.set(false);
          this.announcement.set(this.countText());
        },
        error: (err: unknown) => {
          const readable = readApiError(err, 'Could not load the audit log.');
          this.loading.set(false);
          this.loadingMore.set(false);
          this.announcement.set('');
          this.fieldErrors.set(readable.fieldErrors as Partial<Record<FilterField, string>>);
          this.loadError.set(readable.message);
          if (!append) this.items.set([]);
        },
      });
  }

  private countText(): string {
    const n = this.items().length;
    const more = this.nextCursor() ? ' (more to load)' : '';
    if (!n) return this.filtered() ? 'No events match these filters.' : 'No events yet.';
    return `Showing ${n} event${n === 1 ? '' : 's'}${more}.`;
  }
}
