import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '@fieldwork/server-core';
import { AttemptLimits, TooManyAttempts, accountName } from '@fieldwork/server-identity';
import { STRONG_PASSWORD, TenantFixture, TestApi } from './support/test-api';

/**
 * Ten bad passwords for one account from one address are throttled; someone else's failures from
 * another address never lock the owner out; and the counters live in a store every API process shares.
 */
describe('lockout an attacker cannot use', () => {
  let api: TestApi;
  let t: TenantFixture;

  beforeAll(async () => {
    api = await TestApi.start({ TRUST_PROXY: 'true' });
    t = await api.tenantWithPeople();
  });
  afterAll(() => api?.close());

  /** A sign-in from a given client address (the API trusts X-Forwarded-For here, as behind a proxy). */
  async function signIn(from: string, password: string, email = t.student.email): Promise<Response> {
    return fetch(`${api.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify({ tenant: t.slug, email, password }),
    });
  }

  it('throttles the eleventh attempt from the attacker’s address with 429 and Retry-After, and the owner still signs in from theirs', async () => {
    for (let i = 0; i < 10; i++) expect((await signIn('203.0.113.7', `wrong-guess-${i}-xx`)).status).toBe(401);
    const blocked = await signIn('203.0.113.7', STRONG_PASSWORD);
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect((await blocked.json()).message).toMatch(/^Too many sign-in attempts; wait \d+ minutes and try again$/);

    const owner = await signIn('198.51.100.20', STRONG_PASSWORD);
    expect(owner.status).toBe(200);
    // Another account from the attacker's address is not locked either.
    expect((await signIn('203.0.113.7', STRONG_PASSWORD, t.advisor.email)).status).toBe(200);
  });

  it('clears the account’s count from an address when the right password is given there', async () => {
    for (let i = 0; i < 9; i++) expect((await signIn('192.0.2.44', `typo-${i}-password`, t.advisor.email)).status).toBe(401);
    expect((await signIn('192.0.2.44', STRONG_PASSWORD, t.advisor.email)).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await signIn('192.0.2.44', `typo-again-${i}`, t.advisor.email)).status).toBe(401);
    expect((await signIn('192.0.2.44', STRONG_PASSWORD, t.advisor.email)).status).toBe(200);
  });

  describe.each(storesUnderTest())('the shared store on %s', (_name, redisUrl) => {
    let first: AttemptLimits;
    let second: AttemptLimits;
    const prefix = `lockout-${randomBytes(4).toString('hex')}`;

    beforeAll(() => {
      // Two limiters built like two API processes of one deployment (the same QUEUE_PREFIX).
      const env = { ...process.env, QUEUE_PREFIX: prefix } as NodeJS.ProcessEnv;
      if (redisUrl) env['REDIS_URL'] = redisUrl;
      else delete env['REDIS_URL'];
      const dataSource = api.app.get(DataSource);
      first = new AttemptLimits(new AppConfig(env), dataSource);
      second = new AttemptLimits(new AppConfig(env), dataSource);
    });
    afterAll(async () => {
      await first?.onModuleDestroy();
      await second?.onModuleDestroy();
    });

    it('counts ten bad passwords split across two processes as ten', async () => {
      expect(first.backend).toBe(redisUrl ? 'redis' : 'postgres');
      const account = accountName(t.slug, `split-${randomBytes(3).toString('hex')}@x.test`);
      for (let i = 0; i < 10; i++) {
        const process = i % 2 === 0 ? first : second;
        await process.signIns.before('203.0.113.99', account);
        await process.signIns.failed('203.0.113.99', account);
      }
      for (const process of [first, second]) {
        const refused = await process.signIns.before('203.0.113.99', account).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(TooManyAttempts);
        expect((refused as TooManyAttempts).retryAfterSeconds).toBeGreaterThan(0);
        expect((refused as TooManyAttempts).getStatus()).toBe(429);
      }
      // The same account from another address, and after a success the attacker's address again, are allowed.
      await expect(second.signIns.before('198.51.100.1', account)).resolves.toBeUndefined();
      await first.signIns.succeeded('203.0.113.99', account);
      await expect(second.signIns.before('203.0.113.99', account)).resolves.toBeUndefined();
    });

    it('keeps no e-mail address in the store', async () => {
      const email = `private-${randomBytes(3).toString('hex')}@x.test`;
      await first.signIns.failed('203.0.113.5', accountName(t.slug, email));
      let keys: string[];
      if (redisUrl) {
        const redis = new Redis(redisUrl);
        keys = await redis.keys(`${prefix}:*`).finally(() => redis.quit());
      } else {
        keys = (await api.app.get(DataSource).query(`SELECT key FROM rate_limits WHERE key LIKE $1`, [`${prefix}:%`])).map((row: { key: string }) => row.key);
      }
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.some((key) => key.includes(email) || key.includes('x.test'))).toBe(false);
    });
  });
});

function storesUnderTest(): [string, string | undefined][] {
  const stores: [string, string | undefined][] = [['PostgreSQL', undefined]];
  if (process.env['REDIS_URL']) stores.push(['Redis', process.env['REDIS_URL']]);
  return stores;
}
