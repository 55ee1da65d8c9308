import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { NotificationsService } from '@fieldwork/web-core';
import { demoUser, setUpApiTest, signInAs } from '../shared/testing';
import { NotificationBell, bellLabel } from './notification-bell';

const student = demoUser('student');

describe('NotificationBell', () => {
  let api: HttpTestingController;

  beforeEach(() => {
    api = setUpApiTest(NotificationBell);
    signInAs(api, student);
  });

  afterEach(() => api.verify());

  it('links to the inbox with the unread count in its name and badge, and follows reads', async () => {
    const fixture = TestBed.createComponent(NotificationBell);
    await fixture.whenStable();
    const link = (fixture.nativeElement as HTMLElement).querySelector<HTMLAnchorElement>('a.bell');
    expect(link?.getAttribute('href')).toBe('/notifications');
    expect(link?.getAttribute('aria-label')).toBe('Notifications');
    expect(link?.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');

    const count = api.expectOne((r) => r.url === '/api/notifications');
    expect(count.request.params.get('limit')).toBe('1');
    count.flush({ items: [], nextCursor: null, unreadCount: 3 });
    await fixture.whenStable();
    expect(link?.getAttribute('aria-label')).toBe('Notifications, 3 unread');
    expect(link?.querySelector('.bell__badge')?.textContent?.trim()).toBe('3');

    // Reading elsewhere (the inbox) updates the bell through the shared service.
    TestBed.inject(NotificationsService).markAllRead().subscribe();
    api.expectOne('/api/notifications/read-all').flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(link?.getAttribute('aria-label')).toBe('Notifications');
    expect(link?.querySelector('.bell__badge')).toBeNull();
    fixture.destroy();
  });

  it('announces new notifications after the first count', async () => {
    const fixture = TestBed.createComponent(NotificationBell);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    api.expectOne((r) => r.url === '/api/notifications').flush({ items: [], nextCursor: null, unreadCount: 1 });
    await fixture.whenStable();
    expect(el.querySelector('[role=status]')?.textContent?.trim()).toBe('');

    window.dispatchEvent(new Event('focus'));
    api.expectOne((r) => r.url === '/api/notifications').flush({ items: [], nextCursor: null, unreadCount: 120 });
    await fixture.whenStable();
    expect(el.querySelector('[role=status]')?.textContent?.trim()).toBe('120 unread notifications');
    expect(el.querySelector('.bell__badge')?.textContent?.trim()).toBe('99+');
    fixture.destroy();
  });

  it('words its accessible name', () => {
    expect(bellLabel(null)).toBe('Notifications');
    expect(bellLabel(0)).toBe('Notifications');
    expect(bellLabel(1)).toBe('Notifications, 1 unread');
  });
});
