import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { Notification } from '@fieldwork/contracts';
import {
  NotificationsService,
  TenantTime,
  fullDateTimeText,
  readApiError,
  relativeTimeText,
  safeReturnUrl,
} from '@fieldwork/web-core';
import { FwAlert, FwLoadMore, FwStatusBadge, cursorList, pageFocus } from '@fieldwork/web-ui';

export const INBOX_PAGE_SIZE = 20;

/** A notification's link if it is a path inside this app, else null. */
export function inAppLink(link: string | null): string | null {
  return link ? safeReturnUrl(link) : null;
}

/** Any tenant user: their notifications, newest first. */
@Component({
  selector: 'app-inbox-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FwAlert, FwLoadMore, FwStatusBadge],
  templateUrl: './inbox-page.html',
})
export class InboxPage {
  private readonly notifications = inject(NotificationsService);
  private readonly router = inject(Router);
  private readonly focus = pageFocus();

  protected readonly linkOf = (n: Notification) => inAppLink(n.link);
  private readonly time = inject(TenantTime);
  /** In the career center's zone: "3 hours ago", then "Mar 3". */
  protected readonly relative = (iso: string) => relativeTimeText(iso, new Date(), this.time.zone());
  /** "Mar 3, 2026, 3:04 PM" in the career center's zone (" ET" when the browser is elsewhere). */
  protected readonly full = (iso: string) => fullDateTimeText(iso, this.time.zone());

  protected readonly unreadCount = this.notifications.unreadCount;
  protected readonly unreadOnly = signal(false);
  protected readonly list = cursorList(
    (cursor) => this.notifications.list({ unread: this.unreadOnly(), cursor: cursor ?? undefined, limit: INBOX_PAGE_SIZE }),
    {
      errorMessage: (err) => readApiError(err, 'Could not load your notifications.').message,
      onPage: () => this.announcement.set(this.countText()),
    },
  );
  protected readonly markingAll = signal(false);
  protected readonly actionError = signal<string | null>(null);
  /** The status line (the template leaves it empty while a load error shows). */
  protected readonly announcement = signal('');

  constructor() {
    this.reload();
  }

  protected reload(): void {
    this.announcement.set('Loading notifications…');
    this.list.reload();
  }

  protected onUnreadOnly(event: Event): void {
    this.unreadOnly.set((event.target as HTMLInputElement).checked);
    this.reload();
  }

  protected showAll(): void {
    this.unreadOnly.set(false);
    this.reload();
  }

  /** Following a notification's link marks it read on the way. */
  protected open(notification: Notification, link: string, event: MouseEvent): void {
    if (!notification.readAt) this.markRead(notification, false);
    const elsewhere = event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey;
    if (elsewhere) return; // a new tab or window: let the browser open it
    event.preventDefault();
    void this.router.navigateByUrl(link);
  }

  /** For notifications without a link. */
  protected markOneRead(notification: Notification): void {
    this.markRead(notification, true);
    this.focus.after(`.inbox-item__title[id="note-${notification.id}"]`);
  }

  protected markAllRead(): void {
    if (this.markingAll()) return;
    this.markingAll.set(true);
    this.actionError.set(null);
    this.notifications.markAllRead().subscribe({
      next: () => {
        const now = new Date().toISOString();
        if (this.unreadOnly()) {
          // Nothing is unread any more: the list empties (and offers no more pages).
          this.list.stop();
          this.list.replace(() => []);
        } else {
          this.list.replace((list) => list.map((n) => (n.readAt ? n : { ...n, readAt: now })));
        }
        this.markingAll.set(false);
        this.announcement.set('All notifications are marked as read.');
      },
      error: (err: unknown) => {
        this.markingAll.set(false);
        this.actionError.set(readApiError(err, 'Could not mark your notifications as read.').message);
      },
    });
  }

  private markRead(notification: Notification, announce: boolean): void {
    const now = new Date().toISOString();
    this.setReadAt(notification.id, now);
    this.notifications.markRead(notification).subscribe({
      next: () => {
        if (announce) this.announcement.set(`Marked “${notification.title}” as read.`);
      },
      error: (err: unknown) => {
        this.setReadAt(notification.id, null);
        this.actionError.set(readApiError(err, 'Could not mark that notification as read.').message);
      },
    });
  }

  private setReadAt(id: string, readAt: string | null): void {
    this.list.replace((list) => list.map((n) => (n.id === id ? { ...n, readAt } : n)));
  }

  private countText(): string {
    const shown = this.list.items().length;
    const more = this.list.hasMore() ? ' (more to load)' : '';
    if (this.unreadOnly()) {
      return shown ? `Showing ${shown} unread notification${shown === 1 ? '' : 's'}${more}.` : 'No unread notifications.';
    }
    if (!shown) return 'No notifications yet.';
    const unread = this.unreadCount();
    const unreadText = unread === null ? '' : ` · ${unread} unread`;
    return `Showing ${shown} notification${shown === 1 ? '' : 's'}${more}${unreadText}.`;
  }
}
