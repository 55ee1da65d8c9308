import { AppConfig } from './app-config';
import { InvalidConfigError, parseEnv } from './config.schema';

const base = { DATABASE_URL: 'postgres://owner:secret@db.example:5432/fieldwork' };

describe('configuration', () => {
  it('applies defaults for a development machine', () => {
    const env = parseEnv(base);
    expect(env).toMatchObject({ NODE_ENV: 'development', PORT: 3000, ACCESS_TOKEN_TTL_SECONDS: 900, LOGIN_LIMIT_PER_ACCOUNT: 10 });
  });

  it('names every wrong or missing variable in one line', () => {
    const attempt = () => parseEnv({ PORT: 'eighty', REDIS_URL: 'http://nope', ACCESS_TOKEN_TTL_SECONDS: '3600' });
    expect(attempt).toThrow(InvalidConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message.split('\n')).toHaveLength(1);
      for (const name of ['DATABASE_URL', 'PORT', 'REDIS_URL', 'ACCESS_TOKEN_TTL_SECONDS']) expect(message).toContain(name);
    }
  });

  it('requires the app role URL in production, and refuses a short JWT secret (an absent one is kept in the database)', () => {
    expect(() => parseEnv({ ...base, NODE_ENV: 'production' })).toThrow(/APP_DATABASE_URL is required in production/);
    expect(() => parseEnv({ ...base, NODE_ENV: 'production' })).not.toThrow(/JWT_SECRET/);
    expect(() => parseEnv({ ...base, NODE_ENV: 'production', JWT_SECRET: 'short-secret' })).toThrow(/JWT_SECRET must be at least 32 characters/);
  });

  it('reads the failure-recovery timings with the rest, and refuses them out of range', () => {
    expect(parseEnv(base)).toMatchObject({ QUEUE_LOCK_SECONDS: 30, EMAIL_LEASE_SECONDS: 300 });
    expect(parseEnv({ ...base, QUEUE_LOCK_SECONDS: '3', EMAIL_LEASE_SECONDS: '5' })).toMatchObject({ QUEUE_LOCK_SECONDS: 3, EMAIL_LEASE_SECONDS: 5 });
    expect(() => parseEnv({ ...base, QUEUE_LOCK_SECONDS: '1' })).toThrow(/QUEUE_LOCK_SECONDS/);
    expect(() => parseEnv({ ...base, EMAIL_LEASE_SECONDS: 'soon' })).toThrow(/EMAIL_LEASE_SECONDS/);
  });

  it('wants operator e-mail and password together', () => {
    expect(() => parseEnv({ ...base, OPERATOR_EMAIL: 'op@x.test' })).toThrow(/OPERATOR_PASSWORD/);
  });

  it('derives the app role connection from the owner URL outside production', () => {
    const config = new AppConfig({ ...base, APP_DATABASE_PASSWORD: 'app-password' });
    expect(config.appDatabaseUrl).toBe('postgres://fieldwork_app:app-password@db.example:5432/fieldwork');
    expect(config.appDatabaseRole).toBe('fieldwork_app');
    expect(config.createsAppRole).toBe(true);
    expect(config.queueBackend).toBe('postgres');
    expect(new AppConfig({ ...base, REDIS_URL: 'redis://127.0.0.1:6379' }).queueBackend).toBe('redis');
  });

  it('uses the given app role in production and never seeds demo data unless asked', () => {
    const production = {
      ...base,
      NODE_ENV: 'production',
      APP_DATABASE_URL: 'postgres://app_user:pw@db.example/fieldwork',
      JWT_SECRET: 'x'.repeat(40),
    };
    const config = new AppConfig(production);
    expect(config.appDatabaseRole).toBe('app_user');
    expect(config.createsAppRole).toBe(false);
    expect(config.seedsDemo).toBe(false);
    expect(new AppConfig({ ...production, DEMO_SEED: 'true' }).seedsDemo).toBe(true);
  });

  it('reads TRUST_PROXY and makes cookies always Secure when PUBLIC_URL is https', () => {
    expect(new AppConfig(base).trustProxy).toBe(false);
    expect(new AppConfig({ ...base, TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(() => parseEnv({ ...base, TRUST_PROXY: 'maybe' })).toThrow(/TRUST_PROXY/);
    expect(new AppConfig(base).cookiesAlwaysSecure).toBe(false);
    expect(new AppConfig({ ...base, PUBLIC_URL: 'https://fieldwork.example.edu' }).cookiesAlwaysSecure).toBe(true);
    expect(new AppConfig({ ...base, PUBLIC_URL: 'http://localhost:3000' }).cookiesAlwaysSecure).toBe(false);
  });

  it('keeps files in object storage only when the endpoint and the bucket are both set', () => {
    expect(new AppConfig(base).fileStorage).toBe('local');
    expect(new AppConfig({ ...base, S3_URL: 'http://127.0.0.1:9000', S3_BUCKET: 'fieldwork-files' }).fileStorage).toBe('s3');
    expect(() => parseEnv({ ...base, S3_URL: 'http://127.0.0.1:9000' })).toThrow(/S3_BUCKET S3_URL and S3_BUCKET go together/);
    expect(() => parseEnv({ ...base, S3_URL: 'http://127.0.0.1:9000', S3_BUCKET: 'Bad_Bucket' })).toThrow(/S3_BUCKET must be an S3 bucket name/);
    expect(() => parseEnv({ ...base, S3_ACCESS_KEY_ID: 'key' })).toThrow(/S3_SECRET_ACCESS_KEY/);
  });
});
