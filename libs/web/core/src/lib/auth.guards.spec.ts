import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentInjector, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, RedirectCommand, Router, RouterStateSnapshot, UrlTree, provideRouter } from '@angular/router';
import type { Me } from '@fieldwork/contracts';
import { roleGuard, signedInGuard, signedOutGuard } from './auth.guards';
import { AuthService } from './auth.service';
import { safeReturnUrl } from './roles';

describe('route guards', () => {
  let auth: AuthService;
  let api: HttpTestingController;
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    auth = TestBed.inject(AuthService);
    api = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
  });

  function signInAs(role: Me['role']): void {
    auth.login({ tenant: 'demo', email: 'x@demo.test', password: 'pw' }).subscribe();
    api.expectOne('/api/auth/login').flush({
      accessToken: 't',
      expiresIn: 900,
      user: { id: 'u', email: 'x@demo.test', name: 'X', role, tenant: null },
    });
  }

  function run(guard: typeof signedInGuard, url: string): ReturnType<typeof signedInGuard> {
    const state = { url } as RouterStateSnapshot;
    return runInInjectionContext(TestBed.inject(EnvironmentInjector), () =>
      guard({} as ActivatedRouteSnapshot, state),
    );
  }

  function urlOf(result: unknown): string {
    expect(result).toBeInstanceOf(UrlTree);
    return router.serializeUrl(result as UrlTree);
  }

  it('sends signed-out visitors to sign in with a return URL', () => {
    expect(urlOf(run(signedInGuard, '/people'))).toBe('/sign-in?returnUrl=%2Fpeople');
    expect(urlOf(run(roleGuard('admin'), '/people'))).toBe('/sign-in?returnUrl=%2Fpeople');
    expect(run(signedOutGuard, '/sign-in')).toBe(true);
  });

  it('lets signed-in users with the right role through', () => {
    signInAs('admin');
    expect(run(signedInGuard, '/')).toBe(true);
    expect(run(roleGuard('admin'), '/people')).toBe(true);
    expect(urlOf(run(signedOutGuard, '/sign-in'))).toBe('/');
  });

  it("shows users of a career center without the role the no-access page, keeping the address they opened", () => {
    signInAs('student');
    const student = run(roleGuard('admin'), '/people');
    expect(student).toBeInstanceOf(RedirectCommand);
    expect(router.serializeUrl((student as RedirectCommand).redirectTo)).toBe('/no-access');
    expect((student as RedirectCommand).navigationBehaviorOptions).toEqual({ browserUrl: '/people' });
    signInAs('advisor');
    expect(router.serializeUrl((run(roleGuard('admin'), '/audit') as RedirectCommand).redirectTo)).toBe('/no-access');
    signInAs('admin');
    expect(run(roleGuard('student'), '/tasks')).toBeInstanceOf(RedirectCommand);
  });

  it('sends operators, who have no career-center pages, to Tenants', () => {
    signInAs('operator');
    expect(urlOf(run(roleGuard('admin'), '/people'))).toBe('/tenants');
  });

  it('only accepts return URLs inside the app', () => {
    expect(safeReturnUrl('/people?role=student')).toBe('/people?role=student');
    expect(safeReturnUrl('//evil.example')).toBeNull();
    expect(safeReturnUrl('https://evil.example')).toBeNull();
    expect(safeReturnUrl('/sign-in')).toBeNull();
    expect(safeReturnUrl(null)).toBeNull();
  });
});
