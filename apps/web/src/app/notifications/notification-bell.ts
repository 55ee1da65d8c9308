import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { NotificationsService } from '@fieldwork/web-core';

/** "Notifications, 3 unread" */
export function bellLabel(count: number | null): string {
  return count ? `Notifications, ${count} unread` : 'Notifications';
}

/**
 * The header bell for tenant users: a link to the inbox with the unread
 * count, kept fresh while it is on screen (every minute and on window focus).
 */
@Component({
  selector: 'app-notification-bell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive],
  template: `
    <a
      class="bell"
      routerLink="/notifications"
      routerLinkActive="is-active"
      ariaCurrentWhenActive="page"
      data-testid="notification-bell"
      [attr.aria-label]="label()"
      [attr.title]="label()"
    >
      <svg class="bell__icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
        <path
          d="M12 3a6 6 0 0 0-6 6v3.6l-1.6 2.7A1 1 0 0 0 5.3 17h13.4a1 1 0 0 0 .9-1.7L18 12.6V9a6 6 0 0 0-6-6Z"
          fill="none"
          stroke="currentColor"
          stroke-width="2"
          stroke-linejoin="round"
        />
        <path d="M9.5 19.5a2.6 2.6 0 0 0 5 0" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
      </svg>
      @if (badge(); as text) {
        <span class="bell__badge" aria-hidden="true">{{ text }}</span>
      }
    </a>
    <span class="visually-hidden" role="status">{{ announcement() }}</span>
  `,
})
export class NotificationBell {
  private readonly notifications = inject(NotificationsService);

  protected readonly count = this.notifications.unreadCount;
  protected readonly label = computed(() => bellLabel(this.count()));
  protected readonly badge = computed(() => {
    const count = this.count();
    if (!count) return null;
    return count > 99 ? '99+' : String(count);
  });
  /** Said once when new notifications arrive (not on the first load). */
  protected readonly announcement = signal('');

  constructor() {
    this.notifications.pollUnreadCount().pipe(takeUntilDestroyed()).subscribe();

    let previous: number | null = null;
    effect(() => {
      const count = this.count();
      if (count !== null && previous !== null && count > previous) {
        this.announcement.set(`${count} unread notification${count === 1 ? '' : 's'}`);
      }
      previous = count;
    });
  }
}
