import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Me } from '@fieldwork/contracts';
import { AuthService } from '@fieldwork/web-core';
import { App } from './app';
import { navLinksFor } from './layout/nav-links';

describe('App', () => {
  let api: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [App],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    }).compileComponents();
    api = TestBed.inject(HttpTestingController);
  });

  function signInAs(user: Me): void {
    TestBed.inject(AuthService)
      .login({ tenant: 'demo', email: user.email, password: 'pw' })
      .subscribe();
    api.expectOne('/api/auth/login').flush({ accessToken: 't', expiresIn: 900, user });
  }

  it('has a skip link, the product name and a main landmark', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('a.skip-link')?.textContent).toContain('Skip to main content');
    expect(el.querySelector('header .brand')?.textContent).toContain('Fieldwork');
    expect(el.querySelector('main#main')).not.toBeNull();
    expect(el.querySelector('nav')).toBeNull();
  });

  it('shows an admin the admin navigation and a me menu with their name', async () => {
    signInAs({
      id: 'u1',
      email: 'admin@demo.test',
      name: 'Ada Admin',
      role: 'admin',
      tenant: { id: 't', slug: 'demo', name: 'Demo University', timezone: 'America/New_York' },
    });
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const links = [...el.querySelectorAll('nav[aria-label="Main"] a')].map((a) => a.textContent?.trim());
    expect(links).toEqual(['Home', 'Dashboard', 'People', 'Cohorts', 'Reviews', 'Templates', 'Roster import', 'Exports', 'Audit log', 'Sign-in']);

    const button = el.querySelector<HTMLButtonElement>('[data-testid="me-menu-button"]');
    expect(button?.textContent).toContain('Ada Admin');
    expect(button?.getAttribute('aria-expanded')).toBe('false');
    button?.click();
    await fixture.whenStable();
    expect(button?.getAttribute('aria-expanded')).toBe('true');
    const panel = el.querySelector<HTMLElement>('#me-menu-panel');
    expect(panel?.hidden).toBe(false);
    expect(panel?.textContent).toContain('admin@demo.test');
    expect(panel?.textContent).toContain('Administrator');
  });
});

describe('navLinksFor', () => {
  it('gives each role its own navigation', () => {
    const labels = (role: Parameters<typeof navLinksFor>[0]) => navLinksFor(role).map((l) => l.label);
    expect(labels('admin')).toEqual(['Home', 'Dashboard', 'People', 'Cohorts', 'Reviews', 'Templates', 'Roster import', 'Exports', 'Audit log', 'Sign-in']);
    expect(labels('advisor')).toEqual(['Home', 'Dashboard', 'Cohorts', 'Reviews', 'Templates', 'Exports']);
    expect(labels('student')).toEqual(['Home', 'My tasks', 'My network']);
    expect(labels('operator')).toEqual(['Tenants']);
    expect(labels(null)).toEqual([]);
  });
});
