import { HttpClient, HttpParams } from '@angular/common/http';
import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';
import type { Notification, NotificationPage } from '@fieldwork/contracts';
import {
  EMPTY,
  Observable,
  catchError,
  defer,
  exhaustMap,
  filter,
  fromEvent,
  map,
  merge,
  share,
  tap,
  timer,
} from 'rxjs';
import { API_BASE } from '../api';
import { AuthService } from '../auth.service';

/** How often the header asks for the unread count. */
export const NOTIFICATIONS_POLL_MS = 60_000;

const NOTIFICATIONS_URL = `${API_BASE}/notifications`;

export interface NotificationListQuery {
  /** Only notifications not read yet. */
  unread?: boolean;
  cursor?: string;
  limit?: number;
}

/**
 * The signed-in user's in-app inbox, and the unread count the header bell
 * shows. The count is shared state: reading in the inbox updates the bell.
 */
@Injectable({ providedIn: 'root' })
export class NotificationsService {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  private readonly document = inject(DOCUMENT);

  /** The last known count and whose it is (a new sign-in never sees the previous user's). */
  private readonly known = signal<{ userId: string; count: number } | null>(null);
  /** Bumped by every local change, so a count fetched before the change does not undo it. */
  private version = 0;

  /** Unread notifications of the signed-in user; null until known. */
  readonly unreadCount = computed(() => {
    const known = this.known();
    const userId = this.auth.user()?.id;
    return known && userId && known.userId === userId ? known.count : null;
  });

  /** Tenant users have an inbox; operators (and signed-out visitors) do not. */
  readonly available = computed(() => {
    const role = this.auth.role();
    return role !== null && role !== 'operator';
  });

  private readonly poller = defer(() => {
    const window = this.document.defaultView;
    const focus = window ? fromEvent(window, 'focus') : EMPTY;
    return merge(timer(0, NOTIFICATIONS_POLL_MS), focus);
  }).pipe(
    filter(() => this.available() && this.document.visibilityState !== 'hidden'),
    exhaustMap(() => this.refreshUnreadCount().pipe(catchError(() => EMPTY))),
    share(),
  );

  /**
   * Keeps `unreadCount` fresh while subscribed: at once, every minute, and
   * when the window gets focus again. Subscribers share one poller; failures
   * (offline, signed out meanwhile) are skipped until the next tick.
   */
  pollUnreadCount(): Observable<number> {
    return this.poller;
  }

  /** Asks the server for the unread count now (GET /api/notifications?limit=1). */
  refreshUnreadCount(): Observable<number> {
    return this.fetch({ limit: 1 }).pipe(map((page) => page.unreadCount));
  }

  /** One page of the inbox, newest first; also updates the unread count. */
  list(query: NotificationListQuery = {}): Observable<NotificationPage> {
    return this.fetch(query);
  }

  /** Marks one notification read; the count drops if it was unread. */
  markRead(notification: Pick<Notification, 'id' | 'readAt'>): Observable<void> {
    const wasUnread = notification.readAt === null;
    return this.http
      .post<void>(`${NOTIFICATIONS_URL}/${encodeURIComponent(notification.id)}/read`, null)
      .pipe(
        tap(() => {
          if (wasUnread) this.changeCount((count) => Math.max(0, count - 1));
        }),
        map(() => undefined),
      );
  }

  /** Marks everything read; the count becomes 0. */
  markAllRead(): Observable<void> {
    return this.http.post<void>(`${NOTIFICATIONS_URL}/read-all`, null).pipe(
      tap(() => this.changeCount(() => 0)),
      map(() => undefined),
    );
  }

  private fetch(query: NotificationListQuery): Observable<NotificationPage> {
    return defer(() => {
      const userId = this.auth.user()?.id ?? null;
      const version = this.version;
      let params = new HttpParams();
      if (query.unread !== undefined) params = params.set('unread', String(query.unread));
      if (query.cursor) params = params.set('cursor', query.cursor);
      if (query.limit) params = params.set('limit', String(query.limit));
      return this.http.get<NotificationPage>(NOTIFICATIONS_URL, { params }).pipe(
        tap((page) => {
          if (userId && version === this.version && userId === this.auth.user()?.id) {
            this.known.set({ userId, count: page.unreadCount });
          }
        }),
      );
    });
  }

  private changeCount(change: (count: number) => number): void {
    this.version++;
    const userId = this.auth.user()?.id;
    const known = this.known();
    if (userId && known?.userId === userId) this.known.set({ userId, count: change(known.count) });
  }
}
