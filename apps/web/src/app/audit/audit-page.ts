import { KeyValuePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { AUDIT_ACTIONS, AUDIT_ACTION_LABELS, type AuditAction, type AuditEvent, type UserSummary } from '@fieldwork/contracts';
import { AuditLogService, PeopleService, TenantTime, auditActionLabel, auditDetailsText, fullDateTimeText, readApiError } from '@fieldwork/web-core';
import { FwAlert, FwControl, FwField, FwLoadMore, cursorList } from '@fieldwork/web-ui';
import { of } from 'rxjs';

export const AUDIT_PAGE_SIZE = 50;
/** The same plain words the API answers for a backwards range. */
export const DATE_RANGE_BACKWARDS = 'The end date is before the start date.';

interface FieldChange {
  from: unknown;
  to: unknown;
}

/**
 * An event's details in words. What an edit changed reads "Changed: title
 * (“Old” → “New”), instructions" — short fields with before → after, long text
 * named only, as the API records them; every other detail as the shared formatter says it.
 */
export function auditEventDetails(event: Pick<AuditEvent, 'details' | 'subjectType'>): string {
  const { changed, changes, ...rest } = event.details ?? {};
  const base = auditDetailsText({ ...event, details: rest });
  if (!Array.isArray(changed)) return base;
  const before = (changes ?? {}) as Record<string, FieldChange>;
  const words = changed.map((field: unknown) => {
    const name = String(field).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    const change = before[String(field)];
    return change ? `${name} (${shown(change.from)} → ${shown(change.to)})` : name;
  });
  const what = `Changed: ${words.length ? words.join(', ') : 'nothing'}`;
  return base ? `${base} · ${what}` : what;
}

function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return typeof value === 'string' ? `“${value}”` : String(value);
}

type FilterField = 'actorId' | 'action' | 'from' | 'to';

/** Admins: who did what, newest first, with filters and "load more". */
@Component({
  selector: 'app-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [KeyValuePipe, FwAlert, FwField, FwControl, FwLoadMore],
  templateUrl: './audit-page.html',
})
export class AuditPage {
  private readonly auditLog = inject(AuditLogService);
  private readonly people = inject(PeopleService);

  protected readonly actions = [...AUDIT_ACTIONS]
    .map((value) => ({ value, label: AUDIT_ACTION_LABELS[value] }))
    .sort((a, b) => a.label.localeCompare(b.label));
  protected readonly actionLabel = auditActionLabel;
  protected readonly details = auditEventDetails;
  private readonly time = inject(TenantTime);
  /** "Mar 3, 2026, 3:04 PM" in the career center's zone (" ET" when the browser is elsewhere). */
  protected readonly full = (iso: string) => fullDateTimeText(iso, this.time.zone());

  protected readonly actors = signal<UserSummary[]>([]);
  protected readonly actorId = signal('');
  protected readonly action = signal<AuditAction | ''>('');
  protected readonly from = signal('');
  protected readonly to = signal('');
  protected readonly filtered = computed(() => !!(this.actorId() || this.action() || this.from() || this.to()));
  /** Days compare as text (YYYY-MM-DD): a backwards range is not sent, it is explained. */
  protected readonly rangeBackwards = computed(() => !!this.from() && !!this.to() && this.to() < this.from());

  /** The API's words per filter from the last failed load (read as the error is worded). */
  private readonly serverFieldErrors = signal<Partial<Record<FilterField, string>>>({});
  /** A backwards range is not sent: the list is empty and the range explained. */
  protected readonly events = cursorList(
    (cursor) =>
      this.rangeBackwards()
        ? of({ items: [], nextCursor: null })
        : this.auditLog.list({
            actorId: this.actorId() || undefined,
            action: this.action() || undefined,
            from: this.from() || undefined,
            to: this.to() || undefined,
            cursor: cursor ?? undefined,
            limit: AUDIT_PAGE_SIZE,
          }),
    {
      errorMessage: (err) => {
        const readable = readApiError(err, 'Could not load the audit log.');
        this.serverFieldErrors.set(readable.fieldErrors as Partial<Record<FilterField, string>>);
        return readable.message;
      },
    },
  );
  protected readonly loadError = computed(() => (this.rangeBackwards() ? DATE_RANGE_BACKWARDS : this.events.error()));
  protected readonly fieldErrors = computed<Partial<Record<FilterField, string>>>(() => {
    if (this.rangeBackwards()) return { to: DATE_RANGE_BACKWARDS };
    return this.events.error() ? this.serverFieldErrors() : {};
  });

  /** The status line: loading, or how many events the filters show. */
  protected readonly announcement = computed(() => {
    const list = this.events;
    if (list.loading() && !list.loadingMore()) return 'Loading the audit log…';
    if (this.loadError() || !list.loaded()) return '';
    const n = list.items().length;
    const more = list.hasMore() ? ' (more to load)' : '';
    if (!n) return this.filtered() ? 'No events match these filters.' : 'No events yet.';
    return `Showing ${n} event${n === 1 ? '' : 's'}${more}.`;
  });

  constructor() {
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
    this.events.reload();
  }
}
