import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { AppConfig } from '@fieldwork/server-core';
import { prepareTestDatabase, useTestEnvironment } from '@fieldwork/server-core/testing';
import { OperatorsService } from '@fieldwork/server-identity';
import type { AccessTokenResponse, CreateTenantResponse, InvitationResponse, Role } from '@fieldwork/contracts';
import { createApp } from '../../src/app/create-app';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
  /** The refresh cookie the answer set, if any ("" when it was cleared). */
  refreshCookie?: string;
}

export interface Session {
  accessToken: string;
  refreshCookie: string;
  userId: string;
  email: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  cookie?: string;
  rawBody?: string;
}

export const STRONG_PASSWORD = 'Networking-Walks-42!';

/** One request and its answer, as the recorders see it. */
export interface RecordedExchange {
  method: string;
  /** The path under /api, without the query string: `/cohorts/<id>/gradebook`. */
  path: string;
  query: string;
  status: number;
  contentType: string;
  body: unknown;
}

/**
 * Opt-in recording of every request any TestApi makes: listeners added here see
 * each exchange (the OpenAPI contract test checks them against the document), and
 * with `RECORD_RESPONSES=<file>` each one is appended to that file as a JSON line.
 */
export const responseRecorders = new Set<(exchange: RecordedExchange) => void>();

function record(method: string, path: string, reply: Reply): void {
  const file = process.env['RECORD_RESPONSES'];
  if (!responseRecorders.size && !file) return;
  const [pathname, query = ''] = path.split('?', 2);
  const exchange: RecordedExchange = { method, path: pathname, query, status: reply.status, contentType: reply.headers.get('content-type') ?? '', body: reply.body };
  for (const listener of responseRecorders) listener(exchange);
  if (file) appendFileSync(file, `${JSON.stringify(exchange)}\n`);
}

/** The real API on a random port, over real HTTP, on the test database (as the app role). */
export class TestApi {
  private operator?: Session;

  private constructor(
    readonly app: NestExpressApplication,
    readonly url: string,
    readonly config: AppConfig,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<TestApi> {
    const config = useTestEnvironment({ LOGIN_LIMIT_PER_IP: '10000', QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`, ...env });
    await prepareTestDatabase(config);
    const app = await createApp();
    await app.get(OperatorsService).ensureConfiguredOperator();
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    return new TestApi(app, `http://127.0.0.1:${port}`, app.get(AppConfig));
  }

  close(): Promise<void> {
    return this.app.close();
  }

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = {};
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (options.cookie) headers['cookie'] = `fw_refresh=${options.cookie}`;
    if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.url}/api${path}`, {
      method,
      headers,
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('fw_refresh='));
    const reply: Reply<T> = {
      status: response.status,
      body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
      headers: response.headers,
      refreshCookie: cookie === undefined ? undefined : decodeURIComponent(cookie.split(';')[0].slice('fw_refresh='.length)),
    };
    record(method, path, reply);
    return reply;
  }

  async login(tenant: string | undefined, email: string, password: string): Promise<Session> {
    const reply = await this.request<AccessTokenResponse>('POST', '/auth/login', { body: { tenant, email, password } });
    if (reply.status !== 200) throw new Error(`login ${email} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return toSession(reply);
  }

  async operatorSession(): Promise<Session> {
    this.operator ??= await this.login(undefined, this.config.env.OPERATOR_EMAIL ?? '', this.config.env.OPERATOR_PASSWORD ?? '');
    return this.operator;
  }

  async accept(token: string, name: string, password = STRONG_PASSWORD): Promise<Session> {
    const reply = await this.request<AccessTokenResponse>('POST', '/auth/accept-invitation', { body: { token, name, password } });
    if (reply.status !== 200) throw new Error(`accept failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return toSession(reply);
  }

  async invite(admin: Session, email: string, role: Role, name = 'Invited Person'): Promise<InvitationResponse> {
    const reply = await this.request<InvitationResponse>('POST', '/invitations', { token: admin.accessToken, body: { email, name, role } });
    if (reply.status !== 201) throw new Error(`invite failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  /** A fresh career center with a signed-in admin, advisor and student, made through the API itself. */
  async tenantWithPeople(timezone = 'America/Chicago'): Promise<TenantFixture> {
    const slug = `t-${randomBytes(5).toString('hex')}`;
    const operator = await this.operatorSession();
    const created = await this.request<CreateTenantResponse>('POST', '/platform/tenants', {
      token: operator.accessToken,
      body: { slug, name: `Career Center ${slug}`, timezone, adminEmail: `admin@${slug}.test`, adminName: 'Ada Admin' },
    });
    if (created.status !== 201) throw new Error(`tenant failed: ${created.status} ${JSON.stringify(created.body)}`);
    const admin = await this.accept(created.body.adminInvitationToken, 'Ada Admin');
    const advisor = await this.accept((await this.invite(admin, `advisor@${slug}.test`, 'advisor')).token, 'Avi Advisor');
    const student = await this.accept((await this.invite(admin, `student@${slug}.test`, 'student')).token, 'Stu Student');
    return { slug, tenantId: created.body.tenant.id, admin, advisor, student };
  }
}

export interface TenantFixture {
  slug: string;
  tenantId: string;
  admin: Session;
  advisor: Session;
  student: Session;
}

function toSession(reply: Reply<AccessTokenResponse>): Session {
  if (!reply.refreshCookie) throw new Error('no refresh cookie was set');
  return { accessToken: reply.body.accessToken, refreshCookie: reply.refreshCookie, userId: reply.body.user.id, email: reply.body.user.email };
}
