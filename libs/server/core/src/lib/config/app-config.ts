import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Env, parseEnv } from './config.schema';

/** The database-kept JWT secret, once `loadSharedJwtSecret()` has read it at boot (see shared-jwt-secret.ts). */
let sharedJwtSecret: string | undefined;

/** Called by the boot code once the secret is read from the database; every AppConfig built afterwards signs with it. */
export function useSharedJwtSecret(secret: string): void {
  sharedJwtSecret = secret;
}

/** Typed, validated configuration. Built once per process from the environment. */
export class AppConfig {
  readonly env: Env;
  readonly jwtSecret: string;
  readonly jwtSecretIsEphemeral: boolean;

  constructor(source: NodeJS.ProcessEnv = process.env) {
    this.env = parseEnv(source);
    // JWT_SECRET when set; else the secret the database keeps for every process (loaded at boot);
    // else (a test building an app without booting it) one of this process's own.
    this.jwtSecret = this.env.JWT_SECRET ?? sharedJwtSecret ?? randomBytes(48).toString('base64url');
    this.jwtSecretIsEphemeral = !this.env.JWT_SECRET && !sharedJwtSecret;
  }

  get isProduction(): boolean {
    return this.env.NODE_ENV === 'production';
  }

  get publicUrl(): string {
    return (this.env.PUBLIC_URL ?? `http://localhost:${this.env.PORT}`).replace(/\/$/, '');
  }

  /** Behind https (PUBLIC_URL), cookies are Secure whatever the hop from the proxy says. */
  get cookiesAlwaysSecure(): boolean {
    return this.publicUrl.startsWith('https://');
  }

  /** Express's `trust proxy`: on only when TRUST_PROXY says a proxy (load balancer, TLS terminator) is in front. */
  get trustProxy(): boolean | number {
    return this.env.TRUST_PROXY;
  }

  get ownerDatabaseUrl(): string {
    return this.env.DATABASE_URL;
  }

  /** The URL the running API and worker log in with: the app role, never the owner. */
  get appDatabaseUrl(): string {
    if (this.env.APP_DATABASE_URL) return this.env.APP_DATABASE_URL;
    const url = new URL(this.env.DATABASE_URL);
    url.username = APP_ROLE_DEFAULT;
    url.password = this.env.APP_DATABASE_PASSWORD;
    return url.toString();
  }

  get appDatabaseRole(): string {
    return decodeURIComponent(new URL(this.appDatabaseUrl).username);
  }

  /** Whether the app may create its own role (development and embedded modes only). */
  get createsAppRole(): boolean {
    return !this.env.APP_DATABASE_URL;
  }

  get queueBackend(): 'redis' | 'postgres' {
    return this.env.REDIS_URL ? 'redis' : 'postgres';
  }

  get seedsDemo(): boolean {
    return this.env.DEMO_SEED ?? !this.isProduction;
  }

  /** Absolute directory of export files, shared by the worker (writes) and the API (reads). */
  get exportDir(): string {
    return resolve(this.env.EXPORT_DIR);
  }

  /** Where kept files go: S3-compatible object storage when S3_URL and S3_BUCKET are set, else the local EXPORT_DIR. */
  get fileStorage(): 's3' | 'local' {
    return this.env.S3_URL && this.env.S3_BUCKET ? 's3' : 'local';
  }

  /** Days between an operator deleting a career center and its data being deleted (0: at once). */
  get graceDays(): number {
    return this.env.GRACE_DAYS;
  }

  get corsOrigins(): string[] {
    return (this.env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean);
  }
}

export const APP_ROLE_DEFAULT = 'fieldwork_app';
