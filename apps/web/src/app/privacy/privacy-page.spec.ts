import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap } from '@angular/router';
import type { PrivacyPolicy } from '@fieldwork/contracts';
import { AuthService } from '@fieldwork/web-core';
import { demoUser, render as renderComponent, setUpApiTest, signInAs } from '../shared/testing';
import { PrivacyPage, monthsInWords } from './privacy-page';

const POLICY: PrivacyPolicy = {
  careerCenter: 'Demo University',
  slug: 'demo',
  timezone: 'America/New_York',
  retention: { reflectionsMonths: 36, accountsMonths: 18, auditMonths: 84 },
};

const student = demoUser('student');

describe('PrivacyPage', () => {
  let api: HttpTestingController | undefined;

  beforeEach(() => (api = undefined));

  function setup(query: Record<string, string> = {}) {
    api = setUpApiTest(PrivacyPage, {
      providers: [{ provide: ActivatedRoute, useValue: { snapshot: { queryParamMap: convertToParamMap(query) } } }],
    });
  }

  afterEach(() => {
    if (!api) return;
    TestBed.inject(AuthService).clearSession();
    api.verify();
  });

  const render = () => renderComponent(PrivacyPage);

  const text = (el: HTMLElement) => el.textContent?.replace(/\s+/g, ' ') ?? '';

  const http = () => {
    if (!api) throw new Error('set up first');
    return api;
  };

  it('says months in plain words', () => {
    expect([1, 6, 12, 36, 84, 18, 240].map(monthsInWords)).toEqual(['1 month', '6 months', '1 year', '3 years', '7 years', '18 months', '20 years']);
  });

  it('signed in: the user’s own career center, its periods, who sees what, and how to get a copy or delete the account', async () => {
    setup({ tenant: 'elsewhere' });
    signInAs(http(), student);
    const { fixture, el } = await render();
    http().expectOne('/api/privacy/demo').flush(POLICY);
    await fixture.whenStable();
    const page = text(el);
    expect(el.querySelector('h1')?.textContent).toBe('Privacy');
    expect(page).toContain('How Demo University keeps your information');
    expect(page).toContain('are kept for 3 years after your cohort ends');
    expect(page).toContain('are deleted 3 years after your last cohort ends');
    expect(page).toContain('is erased 18 months after your last cohort ends');
    expect(page).toContain('The audit log (who signed in, who read a reflection, what changed) is kept for 7 years');
    expect(page).toContain('Your contacts are private. Advisors see a contact only if you share it with them.');
    expect(page).toContain('only in the cohorts they advise');
    expect(page).toContain('Every time staff read a reflection');
    expect(page).toContain('Download my data');
    expect(page).toContain('Delete my account');
    expect(el.querySelector('a[href="/settings"]')?.textContent).toBe('Go to Settings');
    expect([...el.querySelectorAll('h2')].map((h) => h.textContent)).toEqual(['What we keep, and for how long', 'Who sees what', 'Your copy, and deleting your account']);
  });

  it('signed out with ?tenant=: that career center’s page, and a way to sign in', async () => {
    setup({ tenant: 'Demo' });
    const { fixture, el } = await render();
    http().expectOne('/api/privacy/demo').flush(POLICY);
    await fixture.whenStable();
    expect(text(el)).toContain('is erased 18 months after');
    expect(el.querySelector('a[href="/sign-in"]')?.textContent).toBe('Sign in');
  });

  it('signed out without a code: asks for the career center, then shows its page; an unknown code says so and lets you try another', async () => {
    setup();
    const { fixture, el } = await render();
    http().expectNone((r) => r.url.startsWith('/api/privacy'));
    expect(el.querySelector('label[for=privacy-tenant]')?.textContent).toBe('Career center code');
    const input = el.querySelector<HTMLInputElement>('#privacy-tenant');
    if (!input) throw new Error('no code field');
    input.value = 'nowhere';
    input.dispatchEvent(new Event('input'));
    el.querySelector('form')?.dispatchEvent(new Event('submit'));
    http().expectOne('/api/privacy/nowhere').flush({ statusCode: 404, error: 'Not Found', message: 'No such career center' }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('There is no career center with the code “nowhere”.');
    [...el.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.includes('Enter another code'))?.click();
    await fixture.whenStable();
    const again = el.querySelector<HTMLInputElement>('#privacy-tenant');
    if (!again) throw new Error('no code field again');
    again.value = 'demo';
    again.dispatchEvent(new Event('input'));
    el.querySelector('form')?.dispatchEvent(new Event('submit'));
    http().expectOne('/api/privacy/demo').flush(POLICY);
    await fixture.whenStable();
    expect(text(el)).toContain('How Demo University keeps your information');
  });
});
