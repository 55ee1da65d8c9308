import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentProviders, Provider, Type } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Me, TenantRef } from '@fieldwork/contracts';
import { AuthService, authInterceptor } from '@fieldwork/web-core';

/**
 * Shared set-up for the web unit specs (only specs import this file): a component that talks to the API
 * through HttpTestingController, rendered and driven the way a person would.
 */

export interface ApiTestOptions {
  /** Extra providers (a route's params, a spy). */
  providers?: (Provider | EnvironmentProviders)[];
  /** Send requests through the auth interceptor (Bearer token, refresh on 401) as the app does. */
  withAuth?: boolean;
}

/** Call in `beforeEach`: TestBed with the component, a router and the HTTP testing backend, which it returns. */
export function setUpApiTest(component: Type<unknown>, options: ApiTestOptions = {}): HttpTestingController {
  TestBed.configureTestingModule({
    imports: [component],
    providers: [
      provideRouter([]),
      options.withAuth ? provideHttpClient(withInterceptors([authInterceptor])) : provideHttpClient(),
      provideHttpClientTesting(),
      ...(options.providers ?? []),
    ],
  });
  return TestBed.inject(HttpTestingController);
}

/** What `HttpTestingController.match`, `expectOne` and `expectNone` accept. */
type RequestMatcher = Parameters<HttpTestingController['match']>[0];

/** The HttpTestingController of the test that is running (TestBed starts afresh for every test). */
class RunningTestApi extends HttpTestingController {
  private get current(): HttpTestingController {
    return TestBed.inject(HttpTestingController);
  }
  match(match: RequestMatcher): TestRequest[] {
    return this.current.match(match);
  }
  expectOne(match: RequestMatcher, description?: string): TestRequest {
    return this.current.expectOne(match, description);
  }
  expectNone(match: RequestMatcher, description?: string): void {
    this.current.expectNone(match, description);
  }
  verify(opts?: { ignoreCancelled?: boolean }): void {
    this.current.verify(opts);
  }
}

/**
 * Call in a `describe`: each test starts with `setUpApiTest(component, options)`; after it, the session ends
 * and no request may be left unanswered. `api` is the running test's HttpTestingController.
 */
export function useApiTest<T>(component: Type<T>, options: ApiTestOptions = {}): { api: HttpTestingController; render: () => Promise<Rendered<T>> } {
  beforeEach(() => setUpApiTest(component, options));
  afterEach(() => {
    TestBed.inject(AuthService).clearSession();
    TestBed.inject(HttpTestingController).verify();
  });
  return { api: new RunningTestApi(), render: () => render(component) };
}

/** The demo career center the specs' users belong to. */
export const DEMO_TENANT: TenantRef = {
  id: '00000000-0000-4000-8000-000000000001',
  slug: 'demo',
  name: 'Demo',
  timezone: 'America/New_York',
};

/** A user of the demo career center: `<role>@demo.test`, with whatever `details` change. */
export function demoUser(role: Me['role'], details: Partial<Me> = {}): Me {
  return { id: `${role}-1`, email: `${role}@demo.test`, name: `Demo ${role}`, role, tenant: DEMO_TENANT, ...details };
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/**
 * The API's error answer as `TestRequest.flush` arguments: `req.flush(...apiError(400, 'Invalid', { name: 'name is too long' }))`.
 * `problems` become the body's `details` (one problem a field), as the API's validation sends them.
 */
export function apiError(
  status: number,
  message: string,
  problems?: Record<string, string>,
): [body: object, init: { status: number; statusText: string }] {
  const error = STATUS_TEXT[status] ?? 'Error';
  const details = problems && Object.entries(problems).map(([field, problem]) => ({ field, problems: [problem] }));
  return [{ statusCode: status, error, message, ...(details ? { details } : {}) }, { status, statusText: error }];
}

/** Signs `user` in through the login endpoint, so pages see their role and career center. */
export function signInAs(api: HttpTestingController, user: Me): void {
  TestBed.inject(AuthService).login({ tenant: user.tenant?.slug ?? '', email: user.email, password: 'pw' }).subscribe();
  api.expectOne('/api/auth/login').flush({ accessToken: 't', expiresIn: 900, user });
}

/** What a rendered component offers a spec. */
export interface Rendered<T> {
  fixture: ComponentFixture<T>;
  el: HTMLElement;
  /** Types `value` into the field with this id (the `input` event, as typing sends). */
  fill: (id: string, value: string) => void;
  /** Clicks the submit button and waits for the page to settle. */
  submit: () => Promise<void>;
}

/** Creates the component and waits until it is stable. */
export async function render<T>(component: Type<T>): Promise<Rendered<T>> {
  const fixture = TestBed.createComponent(component);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const fill = (id: string, value: string) => {
    const input = el.querySelector<HTMLInputElement>(`#${id}`);
    if (!input) throw new Error(`no #${id}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const submit = async () => {
    el.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    await fixture.whenStable();
  };
  return { fixture, el, fill, submit };
}

/** Types `value` into the field `selector` finds (the `input` event, as typing sends) and waits for the page to settle. */
/**
 * Lets the fixture settle until `ready()` holds (5 s at most), for work that finishes on its own
 * schedule — a FileReader, an error body read from a Blob — where a fixed pause races a busy machine.
 */
export async function settleUntil(fixture: ComponentFixture<unknown>, ready: () => boolean, timeoutMs = 5_000): Promise<void> {
  for (const started = Date.now(); !ready() && Date.now() - started < timeoutMs; ) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    await fixture.whenStable();
  }
}

export async function typeInto(fixture: ComponentFixture<unknown>, selector: string, value: string): Promise<void> {
  const input = (fixture.nativeElement as HTMLElement).querySelector<HTMLInputElement | HTMLTextAreaElement>(selector);
  if (!input) throw new Error(`no ${selector}`);
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await fixture.whenStable();
}

/** The first button whose text includes `text`. */
export function buttonNamed(el: HTMLElement, text: string): HTMLButtonElement | undefined {
  return Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.includes(text));
}
