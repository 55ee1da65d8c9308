import { ModulesContainer } from '@nestjs/core';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ALLOWED_ROLES, IS_PUBLIC } from '@fieldwork/server-core';
import { TestApi } from './support/test-api';

describe('ops surface', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start();
  });
  afterAll(() => api.close());

  it('reports database and queue health', async () => {
    const reply = await api.request('GET', '/health');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'ok', database: { status: 'up' }, queue: { backend: api.config.queueBackend, status: 'up' } });
  });

  it('keeps an idle connection open longer than a load balancer would (no reset on a reused socket)', async () => {
    const reply = await api.request('GET', '/health');
    expect(reply.headers.get('keep-alive')).toBe('timeout=65');
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const doc = await api.request('GET', '/docs-json');
    expect(doc.body.paths).toHaveProperty('/api/auth/login');
    expect(doc.body.paths).toHaveProperty('/api/users');
    const ui = await api.request('GET', '/docs');
    expect(ui.status).toBe(200);
    expect(String(ui.body)).toContain('swagger');
  });

  it('sends security headers and keeps CORS closed', async () => {
    const response = await fetch(`${api.url}/api/health`, { headers: { origin: 'https://evil.example' } });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('caps JSON bodies at 1 MB and explains malformed JSON', async () => {
    const big = await api.request('POST', '/auth/login', { rawBody: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(1_100_000) }) });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ statusCode: 413, message: expect.stringMatching(/1 MB/) });
    const broken = await api.request('POST', '/auth/login', { rawBody: '{"email":' });
    expect(broken.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'Request body is not valid JSON' });
  });

  it('unknown API paths answer 404 in the error format', async () => {
    const reply = await api.request('GET', '/nothing-here');
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('every route is either @Public() or declares its @Roles() (default deny)', () => {
    const undeclared: string[] = [];
    for (const module of api.app.get(ModulesContainer).values()) {
      for (const controller of module.controllers.values()) {
        const type = controller.metatype as { prototype: Record<string, unknown>; name: string };
        for (const name of Object.getOwnPropertyNames(type.prototype)) {
          const handler = type.prototype[name];
          if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
          const open = Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, type);
          const roles = Reflect.getMetadata(ALLOWED_ROLES, handler) ?? Reflect.getMetadata(ALLOWED_ROLES, type);
          if (!open && !roles) undeclared.push(`${type.name}.${name}`);
        }
      }
    }
    expect(undeclared).toEqual([]);
  });
});
