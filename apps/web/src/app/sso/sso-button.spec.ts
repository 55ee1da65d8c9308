import { TestBed } from '@angular/core/testing';
import { REMEMBERED_CENTER_KEY } from '@fieldwork/web-core';
import { useApiTest } from '../shared/testing';
import { SsoButton } from './sso-button';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SsoButton (the sign-in page’s campus button)', () => {
  beforeEach(() => localStorage.clear());
  const { api } = useApiTest(SsoButton);

  async function render(inputs: { tenant?: string; email?: string }) {
    const fixture = TestBed.createComponent(SsoButton);
    fixture.componentRef.setInput('tenant', inputs.tenant ?? '');
    fixture.componentRef.setInput('email', inputs.email ?? '');
    fixture.detectChanges();
    await pause(300);
    return fixture;
  }

  it('asks about the career center typed, shows "Sign in with …" linking to its start, and remembers the center', async () => {
    const fixture = await render({ tenant: 'Demo ' });
    api.expectOne('/api/sso/discover?tenant=demo').flush({
      tenant: { slug: 'demo', name: 'Demo Career Center' },
      sso: { displayName: 'Example University', startUrl: 'http://localhost/api/sso/demo/start', studentsSsoOnly: true },
    });
    fixture.detectChanges();
    await fixture.whenStable();
    const link = (fixture.nativeElement as HTMLElement).querySelector<HTMLAnchorElement>('a[data-testid=sso-button]');
    expect(link?.textContent?.trim()).toBe('Sign in with Example University');
    expect(link?.getAttribute('href')).toBe('/api/sso/demo/start');
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Students of Demo Career Center sign in with their campus account.');
    expect(localStorage.getItem(REMEMBERED_CENTER_KEY)).toBe('demo');
  });

  it('finds the center from an e-mail domain when no center is typed, and shows nothing without SSO', async () => {
    const fixture = await render({ email: 'sam@uni.edu' });
    api.expectOne('/api/sso/discover?email=sam@uni.edu').flush({ tenant: { slug: 'uni', name: 'Uni Careers' }, sso: null });
    fixture.detectChanges();
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('a')).toBeNull();
  });

  it('asks nothing until there is a center or a full e-mail domain', async () => {
    await render({ email: 'sam@' });
    api.expectNone(() => true);
  });
});
