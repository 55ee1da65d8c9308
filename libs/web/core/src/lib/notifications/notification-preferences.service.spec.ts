import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { NotificationPreferences } from '@fieldwork/contracts';
import { NotificationPreferencesService } from './notification-preferences.service';
import { QUEUE_DASHBOARD_URL, QueueDashboardService } from './queue-dashboard.service';

const preferences = (dueSoon: 'immediately' | 'digest' | 'off'): NotificationPreferences => ({
  timezone: 'America/Chicago',
  items: [
    {
      kind: 'due_soon',
      label: 'Due soon',
      description: 'Homework you have not submitted is due within two days.',
      mode: dueSoon,
      modes: ['immediately', 'digest', 'off'],
    },
  ],
});

describe('NotificationPreferencesService', () => {
  let api: HttpTestingController;
  let service: NotificationPreferencesService;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(HttpTestingController);
    service = TestBed.inject(NotificationPreferencesService);
  });

  afterEach(() => api.verify());

  it('reads the preferences', () => {
    let result: NotificationPreferences | undefined;
    service.get().subscribe((p) => (result = p));
    const req = api.expectOne('/api/me/notification-preferences');
    expect(req.request.method).toBe('GET');
    req.flush(preferences('immediately'));
    expect(result).toEqual(preferences('immediately'));
  });

  it('saves one kind with PUT and answers with what is now saved', () => {
    let result: NotificationPreferences | undefined;
    service.set('due_soon', 'digest').subscribe((p) => (result = p));
    const req = api.expectOne('/api/me/notification-preferences');
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({ preferences: [{ kind: 'due_soon', mode: 'digest' }] });
    req.flush(preferences('digest'));
    expect(result?.items[0].mode).toBe('digest');
  });

  it('passes a refusal on to the caller', () => {
    let status = 0;
    service.set('due_soon', 'off').subscribe({ error: (err: { status: number }) => (status = err.status) });
    api
      .expectOne('/api/me/notification-preferences')
      .flush(
        { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field: 'preferences[0].kind', problems: ['must be one of due_soon'] }] },
        { status: 400, statusText: 'Bad Request' },
      );
    expect(status).toBe(400);
  });
});

describe('QueueDashboardService', () => {
  it('opens a dashboard session with a POST (the interceptor adds the bearer token)', () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const api = TestBed.inject(HttpTestingController);
    let done = false;
    TestBed.inject(QueueDashboardService)
      .openSession()
      .subscribe({ complete: () => (done = true) });
    const req = api.expectOne(`${QUEUE_DASHBOARD_URL}/session`);
    expect(QUEUE_DASHBOARD_URL).toBe('/api/admin/queues');
    expect(req.request.method).toBe('POST');
    req.flush(null, { status: 204, statusText: 'No Content' });
    expect(done).toBe(true);
    api.verify();
  });
});
