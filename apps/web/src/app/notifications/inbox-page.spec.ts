import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { Notification } from '@fieldwork/contracts';
import { NotificationsService } from '@fieldwork/web-core';
import { buttonNamed, demoUser, render as renderComponent, setUpApiTest, signInAs } from '../shared/testing';
import { InboxPage, inAppLink } from './inbox-page';

@Component({ template: '' })
class TaskStub {}

const student = demoUser('student');

function note(n: number, extra: Partial<Notification> = {}): Notification {
  return {
    id: `n${n}`,
    kind: 'new_assignment',
    title: `New homework: Task ${n}`,
    body: `Due Friday. About ${n * 10} minutes of work.`,
    link: `/tasks/t${n}`,
    createdAt: new Date(Date.now() - n * 60 * 60_000).toISOString(),
    readAt: null,
    ...extra,
  };
}

describe('InboxPage', () => {
  let api: HttpTestingController;

  beforeEach(() => {
    api = setUpApiTest(InboxPage, { providers: [provideRouter([{ path: 'tasks/:id', component: TaskStub }])] });
    signInAs(api, student);
  });

  afterEach(() => api.verify());

  const listRequest = (): TestRequest => api.expectOne((r) => r.method === 'GET' && r.url === '/api/notifications');
  const render = () => renderComponent(InboxPage);

  it('lists notifications with "Unread" marks and relative times, and loads more', async () => {
    const { fixture, el } = await render();
    const first = listRequest();
    expect(first.request.params.get('unread')).toBe('false');
    expect(first.request.params.get('limit')).toBe('20');
    first.flush({ items: [note(1), note(2, { readAt: '2026-03-01T00:00:00.000Z' })], nextCursor: 'c2', unreadCount: 4 });
    await fixture.whenStable();

    const items = [...el.querySelectorAll('li.inbox-item')];
    expect(items.length).toBe(2);
    expect(items[0].classList).toContain('inbox-item--unread');
    expect(items[0].querySelector('.badge')?.textContent?.trim()).toBe('Unread');
    expect(items[1].querySelector('.badge')).toBeNull();
    expect(items[0].querySelector('a')?.getAttribute('href')).toBe('/tasks/t1');
    expect(items[0].querySelector('time')?.textContent?.trim()).toBe('1 hour ago');
    expect(el.querySelector('[role=status]')?.textContent).toContain('Showing 2 notifications (more to load) · 4 unread.');

    buttonNamed(el, 'Load more notifications')?.click();
    const more = listRequest();
    expect(more.request.params.get('cursor')).toBe('c2');
    more.flush({ items: [note(3)], nextCursor: null, unreadCount: 4 });
    await fixture.whenStable();
    expect(el.querySelectorAll('li.inbox-item').length).toBe(3);
    expect(buttonNamed(el, 'Load more')).toBeUndefined();
  });

  it('opening an unread notification marks it read, updates the count and navigates', async () => {
    const { fixture, el } = await render();
    listRequest().flush({ items: [note(1), note(2)], nextCursor: null, unreadCount: 2 });
    await fixture.whenStable();
    const router = TestBed.inject(Router);
    const notifications = TestBed.inject(NotificationsService);

    el.querySelector<HTMLAnchorElement>('li.inbox-item a')?.click();
    const read = api.expectOne('/api/notifications/n1/read');
    expect(read.request.method).toBe('POST');
    read.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(notifications.unreadCount()).toBe(1);
    expect(router.url).toBe('/tasks/t1');
    expect(el.querySelector('li.inbox-item')?.classList).not.toContain('inbox-item--unread');
  });

  it('filters to unread, marks all read and shows the empty state', async () => {
    const { fixture, el } = await render();
    listRequest().flush({ items: [note(1)], nextCursor: null, unreadCount: 1 });
    await fixture.whenStable();

    const toggle = el.querySelector<HTMLInputElement>('#inbox-unread-only');
    if (!toggle) throw new Error('no toggle');
    expect(el.querySelector(`label[for="${toggle.id}"]`)?.textContent?.trim()).toBe('Unread only');
    toggle.checked = true;
    toggle.dispatchEvent(new Event('change'));
    const unread = listRequest();
    expect(unread.request.params.get('unread')).toBe('true');
    unread.flush({ items: [note(1)], nextCursor: null, unreadCount: 1 });
    await fixture.whenStable();

    buttonNamed(el, 'Mark all as read')?.click();
    api.expectOne('/api/notifications/read-all').flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(el.querySelectorAll('li.inbox-item').length).toBe(0);
    expect(el.textContent).toContain("You're all caught up.");
    expect(el.querySelector('[role=status]')?.textContent).toContain('All notifications are marked as read.');
    expect(TestBed.inject(NotificationsService).unreadCount()).toBe(0);
  });

  it('shows the empty state and load errors', async () => {
    const { fixture, el } = await render();
    listRequest().flush({ message: 'down' }, { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Something went wrong on our side.');

    buttonNamed(el, 'Try again')?.click();
    listRequest().flush({ items: [], nextCursor: null, unreadCount: 0 });
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')).toBeNull();
    expect(el.textContent).toContain("You're all caught up.");
  });

  it('only follows links inside the app', () => {
    expect(inAppLink('/tasks/t1')).toBe('/tasks/t1');
    expect(inAppLink('https://evil.example/')).toBeNull();
    expect(inAppLink('//evil.example/')).toBeNull();
    expect(inAppLink(null)).toBeNull();
  });
});
