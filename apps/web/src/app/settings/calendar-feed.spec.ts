import { DEMO_TENANT, buttonNamed, demoUser, signInAs, useApiTest } from '../shared/testing';
import { CalendarFeed, COPIED_MESSAGE, FEED_UNAVAILABLE_MESSAGE } from './calendar-feed';

describe('CalendarFeed', () => {
  const { api, render } = useApiTest(CalendarFeed);

  /** The card once the API has answered with the user's feed. */
  async function renderWithFeed(feed: { url: string | null; createdAt?: string }) {
    const rendered = await render();
    api.expectOne('/api/me/calendar').flush(feed);
    await rendered.fixture.whenStable();
    return rendered;
  }

  it('says so when the feed is not available yet (404)', async () => {
    const { fixture, el } = await render();
    api.expectOne('/api/me/calendar').flush({ message: 'Not Found' }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(el.textContent).toContain(FEED_UNAVAILABLE_MESSAGE);
    expect(el.querySelector('input')).toBeNull();
  });

  it('shows the link read-only and copies it with a spoken confirmation', async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { fixture, el } = await renderWithFeed({ url: 'https://fieldwork.test/api/calendar/abc.ics' });

    const input = el.querySelector<HTMLInputElement>('#calendar-url');
    expect(input?.readOnly).toBe(true);
    expect(input?.value).toBe('https://fieldwork.test/api/calendar/abc.ics');
    expect(el.querySelector('label[for="calendar-url"]')?.textContent?.trim()).toBe('Your calendar link');

    buttonNamed(el, 'Copy link')?.click();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(writeText).toHaveBeenCalledWith('https://fieldwork.test/api/calendar/abc.ics');
    expect(el.querySelector('#calendar-status')?.getAttribute('role')).toBe('status');
    expect(el.querySelector('#calendar-status')?.textContent?.trim()).toBe(COPIED_MESSAGE);
  });

  it('says since when an earlier link works (it is shown only once), and offers a new one', async () => {
    const { fixture, el } = await renderWithFeed({ url: null, createdAt: '2026-11-02T15:00:00Z' });
    expect(el.querySelector('#calendar-url')).toBeNull();
    expect(el.querySelector('#calendar-made')?.textContent).toContain('has worked since Nov 2, 2026');
    expect(el.querySelector('#calendar-made')?.textContent).toContain('shown only once');

    buttonNamed(el, 'Get a new link')?.click();
    await fixture.whenStable();
    buttonNamed(el, 'Yes, get a new link')?.click();
    api.expectOne('/api/me/calendar/rotate').flush({ url: 'https://fieldwork.test/api/calendar/new.ics', createdAt: '2026-11-30T10:00:00Z' });
    await fixture.whenStable();
    expect(el.querySelector<HTMLInputElement>('#calendar-url')?.value).toBe('https://fieldwork.test/api/calendar/new.ics');
    expect(el.querySelector('#calendar-made')).toBeNull();
  });

  it('names the career center\'s time zone of the due dates', async () => {
    signInAs(api, demoUser('student', { tenant: { ...DEMO_TENANT, timezone: 'Asia/Tokyo' } }));
    const { el } = await renderWithFeed({ url: 'https://fieldwork.test/api/calendar/abc.ics' });
    expect(el.querySelector('#calendar-zone-hint')?.textContent).toContain('end of its day in your career center’s time zone (Asia/Tokyo)');
  });

  it('asks before getting a new link, and can be cancelled', async () => {
    const { fixture, el } = await renderWithFeed({ url: 'https://fieldwork.test/api/calendar/old.ics' });

    buttonNamed(el, 'Get a new link')?.click();
    await fixture.whenStable();
    expect(el.querySelector('[role=group]')?.textContent).toContain('stops working');
    buttonNamed(el, 'Cancel')?.click();
    await fixture.whenStable();
    expect(el.querySelector('[role=group]')).toBeNull();
    api.expectNone('/api/me/calendar/rotate');

    buttonNamed(el, 'Get a new link')?.click();
    await fixture.whenStable();
    buttonNamed(el, 'Yes, get a new link')?.click();
    const rotate = api.expectOne('/api/me/calendar/rotate');
    expect(rotate.request.method).toBe('POST');
    rotate.flush({ url: 'https://fieldwork.test/api/calendar/new.ics' });
    await fixture.whenStable();
    expect(el.querySelector<HTMLInputElement>('#calendar-url')?.value).toBe('https://fieldwork.test/api/calendar/new.ics');
    expect(el.querySelector('#calendar-status')?.textContent).toContain('The old link no longer works');
    expect(el.querySelector('[role=group]')).toBeNull();
  });

  it('keeps the old link when getting a new one fails', async () => {
    const { fixture, el } = await renderWithFeed({ url: 'https://fieldwork.test/api/calendar/old.ics' });
    buttonNamed(el, 'Get a new link')?.click();
    await fixture.whenStable();
    buttonNamed(el, 'Yes, get a new link')?.click();
    api.expectOne('/api/me/calendar/rotate').flush({ message: 'down' }, { status: 500, statusText: 'Error' });
    await fixture.whenStable();
    expect(el.querySelector('[role=group] [role=alert]')?.textContent).toContain('Something went wrong');
    expect(el.querySelector<HTMLInputElement>('#calendar-url')?.value).toBe('https://fieldwork.test/api/calendar/old.ics');
  });
});
