import { HttpTestingController } from '@angular/common/http/testing';
import { render as renderComponent, setUpApiTest } from '../shared/testing';
import { QueueDashboardButton } from './queue-dashboard-button';

describe('QueueDashboardButton', () => {
  let api: HttpTestingController;
  let open: jest.SpyInstance;

  beforeEach(() => {
    api = setUpApiTest(QueueDashboardButton);
    open = jest.spyOn(window, 'open');
  });

  afterEach(() => {
    api.verify();
    open.mockRestore();
  });

  async function render() {
    const { fixture, el } = await renderComponent(QueueDashboardButton);
    const button = el.querySelector('button') as HTMLButtonElement;
    return { fixture, el, button };
  }

  it('opens a session, then the dashboard in a new tab', async () => {
    const tab = { opener: window } as unknown as Window;
    open.mockReturnValue(tab);
    const { fixture, el, button } = await render();
    expect(button.textContent).toContain('Queue dashboard');
    expect(button.textContent).toContain('(opens in a new tab)');

    button.click();
    await fixture.whenStable();
    const session = api.expectOne('/api/admin/queues/session');
    expect(session.request.method).toBe('POST');
    expect(open).not.toHaveBeenCalled();
    session.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    expect(open).toHaveBeenCalledWith('/api/admin/queues', '_blank');
    expect(tab.opener).toBeNull();
    expect(el.querySelector('[role=alert]')).toBeNull();
    expect(button.textContent).toContain('Queue dashboard');
  });

  it('offers a link when the browser blocks the new tab', async () => {
    open.mockReturnValue(null);
    const { fixture, el, button } = await render();
    button.click();
    api.expectOne('/api/admin/queues/session').flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    const link = el.querySelector<HTMLAnchorElement>('[role=status] a');
    expect(link?.getAttribute('href')).toBe('/api/admin/queues');
    expect(link?.textContent).toContain('Open the queue dashboard');
  });

  it('shows an error and opens nothing when the session is refused', async () => {
    const { fixture, el, button } = await render();
    button.click();
    api
      .expectOne('/api/admin/queues/session')
      .flush(
        { statusCode: 403, error: 'Forbidden', message: 'Only platform operators can do this.' },
        { status: 403, statusText: 'Forbidden' },
      );
    await fixture.whenStable();
    expect(open).not.toHaveBeenCalled();
    expect(el.querySelector('[role=alert]')?.textContent).toContain(
      'Could not open the queue dashboard. Only platform operators can do this.',
    );
  });
});
