import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { AccessTokenResponse } from '@fieldwork/contracts';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';

function session(token: string): AccessTokenResponse {
  return {
    accessToken: token,
    expiresIn: 900,
    user: {
      id: 'u1',
      email: 'admin@demo.test',
      name: 'Ada Admin',
      role: 'admin',
      tenant: { id: 't1', slug: 'demo', name: 'Demo University', timezone: 'America/New_York' },
    },
  };
}

describe('authInterceptor', () => {
  let http: HttpClient;
  let api: HttpTestingController;
  let auth: AuthService;
  let navigate: jest.SpyInstance;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    api = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  });

  afterEach(() => api.verify());

  function signIn(token = 'token-1'): void {
    auth.login({ tenant: 'demo', email: 'admin@demo.test', password: 'secret' }).subscribe();
    api.expectOne('/api/auth/login').flush(session(token));
  }

  it('adds the bearer token to API calls', () => {
    signIn('token-1');
    http.get('/api/me').subscribe();
    const req = api.expectOne('/api/me');
    expect(req.request.headers.get('Authorization')).toBe('Bearer token-1');
    req.flush({});
  });

  it('sends no token when signed out, and none to other hosts', () => {
    http.get('/api/me').subscribe({ error: () => undefined });
    expect(api.expectOne('/api/me').request.headers.has('Authorization')).toBe(false);

    signIn();
    http.get('https://elsewhere.example/data').subscribe();
    const other = api.expectOne('https://elsewhere.example/data');
    expect(other.request.headers.has('Authorization')).toBe(false);
    other.flush({});
  });

  it('refreshes once on a 401 and replays the call with the new token', () => {
    signIn('old');
    let result: unknown;
    http.get('/api/users').subscribe((body) => (result = body));

    api.expectOne('/api/users').flush({ message: 'expired' }, { status: 401, statusText: 'Unauthorized' });
    api.expectOne('/api/auth/refresh').flush(session('new'));
    const replay = api.expectOne('/api/users');
    expect(replay.request.headers.get('Authorization')).toBe('Bearer new');
    replay.flush({ items: [], nextCursor: null });

    expect(result).toEqual({ items: [], nextCursor: null });
    expect(auth.accessToken()).toBe('new');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('shares one refresh between calls that fail together', () => {
    signIn('old');
    http.get('/api/a').subscribe();
    http.get('/api/b').subscribe();
    api.expectOne('/api/a').flush(null, { status: 401, statusText: 'Unauthorized' });
    api.expectOne('/api/b').flush(null, { status: 401, statusText: 'Unauthorized' });

    api.expectOne('/api/auth/refresh').flush(session('new'));
    api.expectOne('/api/a').flush({});
    api.expectOne('/api/b').flush({});
  });

  it('goes to sign-in and clears the session when the refresh fails', () => {
    signIn('old');
    let status: number | undefined;
    http.get('/api/users').subscribe({ error: (e: { status: number }) => (status = e.status) });

    api.expectOne('/api/users').flush(null, { status: 401, statusText: 'Unauthorized' });
    api.expectOne('/api/auth/refresh').flush(null, { status: 401, statusText: 'Unauthorized' });

    expect(status).toBe(401);
    expect(auth.isSignedIn()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/sign-in'], expect.objectContaining({}));
  });

  it('replays only once: a second 401 ends the session', () => {
    signIn('old');
    let status: number | undefined;
    http.get('/api/users').subscribe({ error: (e: { status: number }) => (status = e.status) });

    api.expectOne('/api/users').flush(null, { status: 401, statusText: 'Unauthorized' });
    api.expectOne('/api/auth/refresh').flush(session('new'));
    api.expectOne('/api/users').flush(null, { status: 401, statusText: 'Unauthorized' });

    expect(status).toBe(401);
    expect(auth.isSignedIn()).toBe(false);
    expect(navigate).toHaveBeenCalledTimes(1);
  });

  it('does not refresh on other errors or on auth endpoints', () => {
    signIn();
    http.get('/api/users').subscribe({ error: () => undefined });
    api.expectOne('/api/users').flush(null, { status: 403, statusText: 'Forbidden' });

    auth.login({ email: 'x@y.z', password: 'wrong' }).subscribe({ error: () => undefined });
    api
      .expectOne('/api/auth/login')
      .flush({ message: 'Invalid tenant, email or password' }, { status: 401, statusText: 'Unauthorized' });

    api.expectNone('/api/auth/refresh');
    expect(navigate).not.toHaveBeenCalled();
  });
});
