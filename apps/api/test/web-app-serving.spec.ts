import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { STRONG_PASSWORD, TenantFixture, TestApi } from './support/test-api';

interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A GET over plain node:http: the bytes as sent (fetch would decompress them). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function cookieLine(headers: Headers, name: string): string | undefined {
  return headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
}

const INDEX = `<!doctype html><html lang="en"><head><title>Fieldwork</title></head><body><app-root></app-root>${'<!-- padding -->'.repeat(100)}</body></html>`;
const SCRIPT = `export const greeting = ${JSON.stringify('hello '.repeat(2000))};\n`;

describe('the web app as the API serves it, and the session hint', () => {
  let api: TestApi;
  let t: TenantFixture;
  let dist: string;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'fw-web-dist-'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'main-AB12CD34.js'), SCRIPT);
    writeFileSync(join(dist, 'chunk-Dd_xq9r-.js'), SCRIPT);
    writeFileSync(join(dist, 'favicon.ico'), Buffer.alloc(2048, 1));
    // A file where an API path would be: the static files must never answer for /api.
    mkdirSync(join(dist, 'api'));
    writeFileSync(join(dist, 'api', 'health'), 'a file, not the API');
    api = await TestApi.start({ WEB_DIST: dist });
    t = await api.tenantWithPeople();
  });
  afterAll(async () => {
    await api.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('sends hashed files brotli- or gzip-compressed, cached for a year', async () => {
    const br = await rawGet(`${api.url}/main-AB12CD34.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);

    const gzip = await rawGet(`${api.url}/main-AB12CD34.js`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(SCRIPT);

    const plain = await rawGet(`${api.url}/main-AB12CD34.js`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it('answers index.html for app paths with no-cache (a release shows at the next visit), compressed', async () => {
    for (const path of ['/', '/sign-in', '/tasks/123', '/index.html']) {
      const reply = await rawGet(`${api.url}${path}`, { 'accept-encoding': 'gzip' });
      expect({ path, status: reply.status, cache: reply.headers['cache-control'] }).toEqual({ path, status: 200, cache: 'no-cache' });
      expect(reply.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(reply.body).toString()).toBe(INDEX);
    }
  });

  it('caches files without a content hash for an hour only', async () => {
    const reply = await rawGet(`${api.url}/favicon.ico`);
    expect(reply.status).toBe(200);
    expect(reply.headers['cache-control']).toBe('public, max-age=3600');
    // Chunks merged by the build's chunk optimizer carry a base64url hash.
    const merged = await rawGet(`${api.url}/chunk-Dd_xq9r-.js`);
    expect(merged.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('never answers /api with a static file, and leaves API answers uncompressed and uncached', async () => {
    const health = await rawGet(`${api.url}/api/health`, { 'accept-encoding': 'gzip, br' });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(health.headers['content-type']).toMatch(/json/);
    expect(health.body.toString()).not.toContain('a file, not the API');
    expect(health.headers['cache-control']).toMatch(/no-store/);
    const missing = await rawGet(`${api.url}/api/no-such-route`);
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/json/);
  });

  it('sets a readable session hint next to the refresh cookie, with the same lifetime, and clears it with it', async () => {
    const login = await api.request('POST', '/auth/login', { body: { tenant: t.slug, email: t.student.email, password: STRONG_PASSWORD } });
    expect(login.status).toBe(200);
    const refresh = cookieLine(login.headers, 'fw_refresh');
    const hint = cookieLine(login.headers, 'fw_session');
    expect(hint).toMatch(/^fw_session=1;/);
    expect(hint).toMatch(/; Path=\/(;|$)/);
    expect(hint).toMatch(/SameSite=Strict/);
    expect(hint).not.toMatch(/HttpOnly/);
    const expires = (line: string | undefined) => /Expires=([^;]+)/.exec(line ?? '')?.[1];
    expect(expires(hint)).toBeTruthy();
    expect(expires(hint)).toBe(expires(refresh));
    expect(hint).not.toContain(login.refreshCookie ?? 'no refresh cookie');

    const rotated = await api.request('POST', '/auth/refresh', { cookie: login.refreshCookie });
    expect(rotated.status).toBe(200);
    expect(cookieLine(rotated.headers, 'fw_session')).toMatch(/^fw_session=1;/);

    const out = await api.request('POST', '/auth/logout', { cookie: rotated.refreshCookie });
    expect(out.status).toBe(204);
    expect(cookieLine(out.headers, 'fw_session')).toMatch(/^fw_session=;.*Expires=Thu, 01 Jan 1970/);

    const refused = await api.request('POST', '/auth/refresh', { cookie: 'forged' });
    expect(refused.status).toBe(401);
    expect(cookieLine(refused.headers, 'fw_session')).toMatch(/^fw_session=;.*Expires=Thu, 01 Jan 1970/);
  });
});
