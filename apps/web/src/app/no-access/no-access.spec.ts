import { Location } from '@angular/common';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Me } from '@fieldwork/contracts';
import { AuthService } from '@fieldwork/web-core';
import { appRoutes } from '../app.routes';

describe("the no-access page (the app's own routes)", () => {
  let api: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter(appRoutes), provideHttpClient(), provideHttpClientTesting()],
    });
    api = TestBed.inject(HttpTestingController);
  });

  function signInAs(role: Me['role']): void {
    TestBed.inject(AuthService).login({ tenant: 'demo', email: 'x@demo.test', password: 'pw' }).subscribe();
    api.expectOne('/api/auth/login').flush({
      accessToken: 't',
      expiresIn: 900,
      user: { id: 'u', email: 'x@demo.test', name: 'X', role, tenant: { id: 't', slug: 'demo', name: 'Demo', timezone: 'America/New_York' } },
    });
  }

  it.each([
    ['student', '/people'],
    ['student', '/audit'],
    ['advisor', '/audit'],
    ['advisor', '/roster-import'],
  ] as const)('a %s opening %s is told they have no access, at that address, with a link home', async (role, url) => {
    signInAs(role);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    const el = harness.routeNativeElement as HTMLElement;
    expect(el.querySelector('h1')?.textContent).toBe("You don't have access to this page");
    expect(el.textContent).toContain(`You're signed in as ${role === 'student' ? 'a student' : 'an advisor'}.`);
    expect(el.querySelector('a')?.getAttribute('href')).toBe('/');
    expect(el.querySelector('a')?.textContent).toBe('Go to your home page');
    // Not a silent redirect: the address bar still shows the page they opened.
    expect(TestBed.inject(Location).path()).toBe(url);
  });

  it('lets a role that may see the page through', async () => {
    signInAs('admin');
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/audit');
    expect((harness.routeNativeElement as HTMLElement).textContent).not.toContain("You don't have access");
  });
});
