import { TestBed } from '@angular/core/testing';
import type { SsoSettings } from '@fieldwork/contracts';
import { apiError, demoUser, signInAs, useApiTest } from '../shared/testing';
import { SignInSettings } from './sign-in-settings';

const admin = demoUser('admin');

const settings: SsoSettings = {
  configured: true,
  protocol: 'oidc',
  displayName: 'Example University',
  issuer: 'https://idp.example.edu',
  clientId: 'fieldwork',
  hasClientSecret: true,
  metadataXml: null,
  metadataUrl: null,
  idpEntityId: null,
  idpCertificates: [],
  metadataFetchedAt: null,
  matchBy: 'email',
  attribute: null,
  enabled: false,
  testMode: true,
  studentsSsoOnly: false,
  jitCohortId: null,
  domains: ['example.edu'],
  serviceProvider: {
    entityId: 'http://localhost/api/sso/demo/saml/metadata',
    acsUrl: 'http://localhost/api/sso/demo/saml/acs',
    metadataUrl: 'http://localhost/api/sso/demo/saml/metadata',
    oidcRedirectUrl: 'http://localhost/api/sso/demo/oidc/callback',
    startUrl: 'http://localhost/api/sso/demo/start',
  },
};

describe('SignInSettings (the admin’s Sign-in page)', () => {
  const { api } = useApiTest(SignInSettings);

  beforeEach(() => signInAs(api, admin));

  async function render() {
    const fixture = TestBed.createComponent(SignInSettings);
    api.expectOne('/api/tenant/sso').flush(settings);
    api.expectOne((r) => r.url === '/api/cohorts').flush({ items: [{ id: 'c1', name: 'Fall 2026' }], nextCursor: null });
    api.expectOne('/api/sso/demo/attempts').flush([
      { id: 'x1', at: '2026-11-30T10:00:00Z', protocol: 'oidc', outcome: 'refused', reason: 'Wrong nonce: the ID token does not belong to the sign-in started here', subject: null, test: true },
    ]);
    fixture.detectChanges();
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('shows the settings (never a secret), the values for campus IT and the attempts with their reasons', async () => {
    const { el } = await render();
    expect(el.querySelector<HTMLInputElement>('#sso-issuer')?.value).toBe('https://idp.example.edu');
    expect(el.querySelector<HTMLInputElement>('#sso-client-secret')?.value).toBe('');
    expect(el.textContent).toContain('A secret is stored: leave this empty to keep it.');
    expect(el.textContent).toContain('http://localhost/api/sso/demo/oidc/callback');
    expect(el.textContent).toContain('Wrong nonce: the ID token does not belong to the sign-in started here');
    expect(el.textContent).toContain('Refused (test)');
    expect(el.querySelector('label[for=sso-match-by]')).not.toBeNull();
    expect([...el.querySelectorAll('#sso-jit option')].map((o) => o.textContent?.trim())).toEqual(['Refuse them (they are told to contact you)', 'Create them as students in “Fall 2026”']);
  });

  it('saves what the admin chose, keeps the stored secret when the field is empty, and shows the API’s field problems', async () => {
    const { fixture, el } = await render();
    const domains = el.querySelector<HTMLInputElement>('#sso-domains') as HTMLInputElement;
    domains.value = 'example.edu, alumni.example.edu';
    domains.dispatchEvent(new Event('input'));
    el.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    const put = api.expectOne((r) => r.method === 'PUT' && r.url === '/api/tenant/sso');
    expect(put.request.body).toEqual({
      protocol: 'oidc',
      displayName: 'Example University',
      matchBy: 'email',
      enabled: false,
      testMode: true,
      studentsSsoOnly: false,
      jitCohortId: null,
      domains: ['example.edu', 'alumni.example.edu'],
      issuer: 'https://idp.example.edu',
      clientId: 'fieldwork',
    });
    put.flush(...apiError(400, 'Invalid issuer', { issuer: 'issuer: its discovery document (/.well-known/openid-configuration) could not be read' }));
    fixture.detectChanges();
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Some settings need a fix');
    expect(el.querySelector('#sso-issuer-error')?.textContent).toContain('could not be read');
    expect(el.querySelector('#sso-issuer')?.getAttribute('aria-invalid')).toBe('true');
  });
});
