import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Me, Notification, NotificationPage } from '@fieldwork/contracts';
import { AuthService } from '../auth.service';
import { CalendarFeedService } from './calendar-feed.service';
import { NOTIFICATIONS_POLL_MS, NotificationsService } from './notifications.service';
import { fullDateTimeText, relativeTimeText } from './relative-time';

const tenant = { id: 't1', slug: 'demo', name: 'Demo University', timezone: 'America/New_York' };
const student: Me = { id: 'u-student', email: 'student@demo.test', name: 'Sam Student', role: 'student', tenant };
const advisor: Me = { id: 'u-advisor', email: 'advisor@demo.test', name: 'Morgan Advisor', role: 'advisor', tenant };
const operator: Me = { id: 'u-op', email: 'operator@fieldwork.test', name: 'Olive Operator', role: 'operator', tenant: null };

function note(id: string, readAt: string | null = null): Notification {
  return {
    id,
    kind: 'new_assignment',
    title: `New homework: ${id}`,
    body: 'Due Friday, March 6.',
    link: `/tasks/${id}`,
    createdAt: '2026-03-01T12:00:00.000Z',
    readAt,
  };
}

function page(unreadCount: number, items: Notification[] = [], nextCursor: string | null = null): NotificationPage {
  return { items, nextCursor, unreadCount };
}

describe('NotificationsService', () => {
  let api: HttpTestingController;
  let service: NotificationsService;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(HttpTestingController);
    service = TestBed.inject(NotificationsService);
  });

  afterEach(() => {
    api.verify();
    jest.useRealTimers();
  });

  function signInAs(user: Me): void {
    TestBed.inject(AuthService).login({ tenant: 'demo', email: user.email, password: 'pw' }).subscribe();
    api.expectOne('/api/auth/login').flush({ accessToken: 't', expiresIn: 900, user });
  }

  const countRequest = (): TestRequest =>
    api.expectOne((r) => r.method === 'GET' && r.url === '/api/notifications' && r.params.get('limit') === '1');

  it('polls the unread count at once, every minute and on window focus, while subscribed', () => {
    jest.useFakeTimers();
    signInAs(student);
    expect(service.unreadCount()).toBeNull();

    const seen: number[] = [];
    const subscription = service.pollUnreadCount().subscribe((n) => seen.push(n));
    jest.advanceTimersByTime(0);
    const first = countRequest();
    expect(first.request.params.keys()).toEqual(['limit']);
    first.flush(page(3, [note('a')]));
    expect(service.unreadCount()).toBe(3);

    jest.advanceTimersByTime(NOTIFICATIONS_POLL_MS - 1);
    api.expectNone('/api/notifications?limit=1');
    jest.advanceTimersByTime(1);
    countRequest().flush(page(5));
    expect(service.unreadCount()).toBe(5);

    window.dispatchEvent(new Event('focus'));
    countRequest().flush(page(4));
    expect(seen).toEqual([3, 5, 4]);
    expect(service.unreadCount()).toBe(4);

    // A second subscriber shares the same poller (no extra request).
    const second = service.pollUnreadCount().subscribe();
    api.expectNone((r) => r.url === '/api/notifications');

    subscription.unsubscribe();
    second.unsubscribe();
    jest.advanceTimersByTime(NOTIFICATIONS_POLL_MS * 3);
    window.dispatchEvent(new Event('focus'));
    api.expectNone((r) => r.url === '/api/notifications');
  });

  it('does not start a second count request while one is in flight, and survives errors', () => {
    jest.useFakeTimers();
    signInAs(student);
    const subscription = service.pollUnreadCount().subscribe();
    jest.advanceTimersByTime(0);
    const pending = countRequest();
    window.dispatchEvent(new Event('focus'));
    api.expectNone((r) => r.url === '/api/notifications' && r !== pending.request);
    pending.flush({ message: 'down' }, { status: 503, statusText: 'Unavailable' });
    expect(service.unreadCount()).toBeNull();

    jest.advanceTimersByTime(NOTIFICATIONS_POLL_MS);
    countRequest().flush(page(2));
    expect(service.unreadCount()).toBe(2);
    subscription.unsubscribe();
  });

  it('never polls for operators or signed-out visitors', () => {
    jest.useFakeTimers();
    const subscription = service.pollUnreadCount().subscribe();
    jest.advanceTimersByTime(NOTIFICATIONS_POLL_MS * 2);
    api.expectNone((r) => r.url === '/api/notifications');

    signInAs(operator);
    expect(service.available()).toBe(false);
    jest.advanceTimersByTime(NOTIFICATIONS_POLL_MS * 2);
    window.dispatchEvent(new Event('focus'));
    api.expectNone((r) => r.url === '/api/notifications');
    subscription.unsubscribe();
  });

  it('lists a page with filters and takes the unread count from it', () => {
    signInAs(student);
    let result: NotificationPage | undefined;
    service.list({ unread: true, cursor: 'c1', limit: 20 }).subscribe((p) => (result = p));
    const req = api.expectOne((r) => r.url === '/api/notifications');
    expect(req.request.params.get('unread')).toBe('true');
    expect(req.request.params.get('cursor')).toBe('c1');
    expect(req.request.params.get('limit')).toBe('20');
    req.flush(page(7, [note('a'), note('b')], 'c2'));
    expect(result?.items.map((n) => n.id)).toEqual(['a', 'b']);
    expect(result?.nextCursor).toBe('c2');
    expect(service.unreadCount()).toBe(7);

    service.list({ unread: false }).subscribe();
    const all = api.expectOne((r) => r.url === '/api/notifications');
    expect(all.request.params.get('unread')).toBe('false');
    expect(all.request.params.has('cursor')).toBe(false);
    all.flush(page(6));
    expect(service.unreadCount()).toBe(6);
  });

  it('marking one read lowers the count; an already read one does not', () => {
    signInAs(student);
    service.refreshUnreadCount().subscribe();
    countRequest().flush(page(3));

    let done = false;
    service.markRead(note('n/1')).subscribe({ complete: () => (done = true) });
    const read = api.expectOne('/api/notifications/n%2F1/read');
    expect(read.request.method).toBe('POST');
    expect(service.unreadCount()).toBe(3);
    read.flush(null, { status: 204, statusText: 'No Content' });
    expect(done).toBe(true);
    expect(service.unreadCount()).toBe(2);

    service.markRead(note('n2', '2026-03-01T13:00:00.000Z')).subscribe();
    api.expectOne('/api/notifications/n2/read').flush(null, { status: 204, statusText: 'No Content' });
    expect(service.unreadCount()).toBe(2);
  });

  it('keeps the count when marking read fails', () => {
    signInAs(student);
    service.refreshUnreadCount().subscribe();
    countRequest().flush(page(1));
    let failed = false;
    service.markRead(note('gone')).subscribe({ error: () => (failed = true) });
    api.expectOne('/api/notifications/gone/read').flush({ message: 'No such notification' }, { status: 404, statusText: 'Not Found' });
    expect(failed).toBe(true);
    expect(service.unreadCount()).toBe(1);
  });

  it('marking all read sets the count to 0', () => {
    signInAs(advisor);
    service.refreshUnreadCount().subscribe();
    countRequest().flush(page(12));
    service.markAllRead().subscribe();
    const req = api.expectOne('/api/notifications/read-all');
    expect(req.request.method).toBe('POST');
    req.flush(null, { status: 204, statusText: 'No Content' });
    expect(service.unreadCount()).toBe(0);
  });

  it('ignores a count fetched before a local change', () => {
    signInAs(student);
    service.refreshUnreadCount().subscribe();
    countRequest().flush(page(2));

    service.refreshUnreadCount().subscribe();
    const stale = countRequest();
    service.markAllRead().subscribe();
    api.expectOne('/api/notifications/read-all').flush(null, { status: 204, statusText: 'No Content' });
    stale.flush(page(2));
    expect(service.unreadCount()).toBe(0);
  });

  it("does not show one user's count to the next", () => {
    signInAs(student);
    service.refreshUnreadCount().subscribe();
    countRequest().flush(page(4));
    expect(service.unreadCount()).toBe(4);

    TestBed.inject(AuthService).clearSession();
    expect(service.unreadCount()).toBeNull();
    signInAs(advisor);
    expect(service.unreadCount()).toBeNull();
  });
});

describe('CalendarFeedService', () => {
  it('reads and rotates the feed link', () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const api = TestBed.inject(HttpTestingController);
    const calendar = TestBed.inject(CalendarFeedService);
    const urls: (string | null)[] = [];

    calendar.get().subscribe((link) => urls.push(link.url));
    const get = api.expectOne('/api/me/calendar');
    expect(get.request.method).toBe('GET');
    get.flush({ url: 'https://fieldwork.test/api/calendar/old.ics' });

    calendar.rotate().subscribe((link) => urls.push(link.url));
    const rotate = api.expectOne('/api/me/calendar/rotate');
    expect(rotate.request.method).toBe('POST');
    rotate.flush({ url: 'https://fieldwork.test/api/calendar/new.ics' });

    expect(urls).toEqual(['https://fieldwork.test/api/calendar/old.ics', 'https://fieldwork.test/api/calendar/new.ics']);
    api.verify();
  });
});

describe('relativeTimeText', () => {
  const now = new Date(2026, 2, 10, 15, 0, 0);
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it('words recent moments relative to now', () => {
    expect(relativeTimeText(ago(10_000), now)).toBe('just now');
    expect(relativeTimeText(new Date(now.getTime() + 5_000), now)).toBe('just now');
    expect(relativeTimeText(ago(60_000), now)).toBe('1 minute ago');
    expect(relativeTimeText(ago(5 * 60_000), now)).toBe('5 minutes ago');
    expect(relativeTimeText(ago(3 * 3_600_000), now)).toBe('3 hours ago');
    expect(relativeTimeText(new Date(2026, 2, 9, 9, 0), now)).toBe('yesterday');
    expect(relativeTimeText(new Date(2026, 2, 6, 9, 0), now)).toBe('4 days ago');
  });

  it('gives a date for older moments, with the year outside this one', () => {
    expect(relativeTimeText(new Date(2026, 1, 20, 9, 0), now)).toBe('Feb 20');
    expect(relativeTimeText(new Date(2025, 11, 24, 9, 0), now)).toBe('Dec 24, 2025');
    expect(relativeTimeText('not a date', now)).toBe('');
  });
});

describe('inbox times in the career center\'s zone', () => {
  const ny = 'America/New_York';

  it('counts days and gives dates in the zone', () => {
    const now = new Date('2026-12-10T15:00:00Z'); // Dec 10, 10:00 AM in New York
    // 03:00 UTC on Dec 9 is still Dec 8 in New York: two local days ago there, one in London.
    expect(relativeTimeText('2026-12-09T03:00:00Z', now, ny)).toBe('2 days ago');
    expect(relativeTimeText('2026-12-09T03:00:00Z', now, 'Europe/London')).toBe('yesterday');
    expect(relativeTimeText('2026-11-21T03:00:00Z', now, ny)).toBe('Nov 20');
  });

  it('names the zone in the full moment when the viewer is elsewhere', () => {
    expect(fullDateTimeText('2026-12-11T04:59:59Z', ny, 'Europe/London')).toBe('Dec 10, 2026, 11:59 PM ET');
    expect(fullDateTimeText('2026-12-11T04:59:59Z', ny, ny)).toBe('Dec 10, 2026, 11:59 PM');
    expect(fullDateTimeText('nonsense', ny)).toBe('');
  });
});
