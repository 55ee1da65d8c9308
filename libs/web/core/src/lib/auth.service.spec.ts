import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AccessTokenResponse, Me } from '@fieldwork/contracts';
import { authInterceptor } from './auth.interceptor';
import { AuthService, SESSION_HINT_COOKIE, hasSessionHint } from './auth.service';

const student: Me = {
  id: 'u2',
  email: 'student@demo.test',
  name: 'Sam Student',
  role: 'student',
  tenant: { id: 't1', slug: 'demo', name: 'Demo University', timezone: 'America/New_York' },
};

function session(token: string, user: Me = student): AccessTokenResponse {
  return { accessToken: token, expiresIn: 900, user };
}

describe('AuthService', () => {
  let auth: AuthService;
  let api: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    auth = TestBed.inject(AuthService);
    api = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    api.verify();
    document.cookie = `${SESSION_HINT_COOKIE}=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT`;
  });

  it('starts signed out', () => {
    expect(auth.isSignedIn()).toBe(false);
    expect(auth.user()).toBeNull();
    expect(auth.accessToken()).toBeNull();
  });

  it('signs in, trimming the tenant and email', () => {
    let me: Me | undefined;
    auth.login({ tenant: ' demo ', email: ' student@demo.test ', password: ' pw ' }).subscribe((u) => (me = u));
    const req = api.expectOne('/api/auth/login');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ tenant: 'demo', email: 'student@demo.test', password: ' pw ' });
    req.flush(session('abc'));

    expect(me).toEqual(student);
    expect(auth.user()).toEqual(student);
    expect(auth.accessToken()).toBe('abc');
    expect(auth.role()).toBe('student');
    expect(auth.hasRole('admin', 'student')).toBe(true);
    expect(auth.expiresAt()).toBeGreaterThan(Date.now());
  });

  it('leaves the tenant out for operators', () => {
    auth.login({ tenant: '  ', email: 'operator@fieldwork.test', password: 'pw' }).subscribe();
    const req = api.expectOne('/api/auth/login');
    expect(req.request.body).toEqual({ email: 'operator@fieldwork.test', password: 'pw' });
    req.flush(session('op', { ...student, role: 'operator', tenant: null }));
    expect(auth.role()).toBe('operator');
  });

  it('does not keep the token in web storage', () => {
    auth.login({ tenant: 'demo', email: 'student@demo.test', password: 'pw' }).subscribe();
    api.expectOne('/api/auth/login').flush(session('secret-token'));
    const stored = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    expect(stored).not.toContain('secret-token');
  });

  it('restores a session from the refresh cookie', () => {
    document.cookie = `${SESSION_HINT_COOKIE}=1; path=/`;
    let restored: boolean | undefined;
    auth.restoreSession().subscribe((ok) => (restored = ok));
    const req = api.expectOne('/api/auth/refresh');
    expect(req.request.method).toBe('POST');
    req.flush(session('fresh'));
    expect(restored).toBe(true);
    expect(auth.accessToken()).toBe('fresh');
  });

  it('stays signed out when the refresh cookie is no longer good', () => {
    document.cookie = `${SESSION_HINT_COOKIE}=1; path=/`;
    let restored: boolean | undefined;
    auth.restoreSession().subscribe((ok) => (restored = ok));
    api.expectOne('/api/auth/refresh').flush({ message: 'No session' }, { status: 401, statusText: 'Unauthorized' });
    expect(restored).toBe(false);
    expect(auth.isSignedIn()).toBe(false);
  });

  it('asks nothing on start when the browser holds no session (no 401 for a signed-out visitor)', () => {
    let restored: boolean | undefined;
    auth.restoreSession().subscribe((ok) => (restored = ok));
    api.expectNone('/api/auth/refresh');
    expect(restored).toBe(false);
    expect(auth.isSignedIn()).toBe(false);
  });

  it('reads the session hint among other cookies', () => {
    expect(hasSessionHint({ cookie: '' })).toBe(false);
    expect(hasSessionHint({ cookie: 'theme=dark; fw_session_old=1' })).toBe(false);
    expect(hasSessionHint({ cookie: 'theme=dark; fw_session=1' })).toBe(true);
    expect(hasSessionHint({ cookie: 'fw_session=1' })).toBe(true);
  });

  it('accepts an invitation and signs the new user in', () => {
    auth.acceptInvitation({ token: 'tok', name: ' New Person ', password: 'Networking-Walks-42!' }).subscribe();
    const req = api.expectOne('/api/auth/accept-invitation');
    expect(req.request.body).toEqual({ token: 'tok', name: 'New Person', password: 'Networking-Walks-42!' });
    req.flush(session('new-user'));
    expect(auth.accessToken()).toBe('new-user');
  });

  it('previews an invitation with an encoded token', () => {
    auth.previewInvitation('a/b c').subscribe();
    api.expectOne('/api/auth/invitations/a%2Fb%20c').flush({});
  });

  it('signs out locally even when the server call fails', () => {
    auth.login({ tenant: 'demo', email: 'student@demo.test', password: 'pw' }).subscribe();
    api.expectOne('/api/auth/login').flush(session('abc'));

    let done = false;
    auth.logout().subscribe({ complete: () => (done = true) });
    api.expectOne('/api/auth/logout').flush(null, { status: 500, statusText: 'Server Error' });
    expect(done).toBe(true);
    expect(auth.isSignedIn()).toBe(false);
  });
});
