import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const postgresUrl = z
  .string()
  .url()
  .refine((url) => /^postgres(ql)?:\/\//.test(url), 'must be a postgres:// URL');

/** Every environment variable Fieldwork reads, validated once at boot. */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    PUBLIC_URL: z.string().url().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Prints every SQL statement with its parameters (development only: `npm run bench:overhead` reads them). */
    LOG_SQL: booleanFlag.default(false),
    /** Statements with parameters run as named prepared statements (planned once per connection); off for an old PgBouncer. */
    DB_PREPARED_STATEMENTS: booleanFlag.default(true),
    /** The owner's connection: runs migrations, owns the tables. */
    DATABASE_URL: postgresUrl,
    /** The application's connection: owns nothing, no BYPASSRLS. Required in production. */
    APP_DATABASE_URL: postgresUrl.optional(),
    /** Password of the app role that development and embedded modes create themselves. */
    APP_DATABASE_PASSWORD: z.string().min(8).default('fieldwork-app-dev'),
    REDIS_URL: z
      .string()
      .url()
      .refine((url) => /^rediss?:\/\//.test(url), 'must be a redis:// URL')
      .optional(),
    /** Namespace of every queue key; lets several deployments (or test runs) share one Redis or database. */
    QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'must be 1-40 lower-case letters, digits, dashes or underscores').default('fieldwork'),
    /** HS256 key of the access tokens; without it, one is generated once and kept in the database (platform_private.secrets). */
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(900).default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(14),
    INVITATION_TTL_DAYS: z.coerce.number().int().min(1).max(30).default(7),
    CORS_ORIGINS: z.string().optional(),
    TRUST_PROXY: booleanFlag.default(false),
    OPERATOR_EMAIL: z.string().email().optional(),
    OPERATOR_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    DEMO_SEED: booleanFlag.optional(),
    DEMO_PASSWORD: z.string().min(8).default('fieldwork-demo'),
    LOGIN_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).max(10).default(10),
    LOGIN_LIMIT_PER_IP: z.coerce.number().int().min(1).default(60),
    /** Key (32 bytes, base64 or hex) that encrypts TOTP secrets at rest; derived from JWT_SECRET when unset. */
    MFA_SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Key (32+ characters) that encrypts SSO client secrets at rest (AES-256-GCM); derived from the JWT secret when unset. */
    SSO_SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    WEB_DIST: z.string().optional(),
    /** Where e-mail goes: smtp(s)://user:pass@host:port. Without it, each message is written as an .eml file under MAIL_DIR. */
    SMTP_URL: z
      .string()
      .url()
      .refine((url) => /^smtps?:\/\//.test(url), 'must be an smtp:// or smtps:// URL')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Fieldwork <no-reply@fieldwork.local>'),
    MAIL_DIR: z.string().default('.data/mail'),
    /** How often the worker scans for due reminders and 08:00 digests. */
    REMINDER_SCAN_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
    /** Where export files are written (worker) and read (API); several hosts need a shared volume here. */
    EXPORT_DIR: z.string().min(1).default('.data/exports'),
    /** S3-compatible object storage for every file the product keeps (exports, ZIPs): the endpoint, e.g. http://minio:9000. Unset: files go to EXPORT_DIR. */
    S3_URL: z.string().url().optional(),
    S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3-63 lower-case letters, digits, dots or dashes)')
      .optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** Days a closed career center can still be restored before every row and file of it is deleted; 0 deletes at once. */
    GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(7),
    /** A job's lock: a job whose worker stops renewing it (SIGKILL, a lost machine) runs again after about two of these. */
    QUEUE_LOCK_SECONDS: z.coerce.number().int().min(2).max(3_600).default(30),
    /** An e-mail claimed by a sender that died is sent again once its claim is this old. */
    EMAIL_LEASE_SECONDS: z.coerce.number().int().min(2).max(86_400).default(300),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production') {
      if (!env.APP_DATABASE_URL) {
        ctx.addIssue({ code: 'custom', path: ['APP_DATABASE_URL'], message: 'is required in production' });
      }
    }
    if (Boolean(env.S3_URL) !== Boolean(env.S3_BUCKET)) {
      ctx.addIssue({ code: 'custom', path: [env.S3_URL ? 'S3_BUCKET' : 'S3_URL'], message: 'S3_URL and S3_BUCKET go together' });
    }
    if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'],
        message: 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together',
      });
    }
    if (Boolean(env.OPERATOR_EMAIL) !== Boolean(env.OPERATOR_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.OPERATOR_EMAIL ? 'OPERATOR_PASSWORD' : 'OPERATOR_EMAIL'],
        message: 'OPERATOR_EMAIL and OPERATOR_PASSWORD go together',
      });
    }
  });

export type Env = z.infer<typeof configSchema>;

export class InvalidConfigError extends Error {}

/** Parses the environment; the error message is one line naming every bad variable. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new InvalidConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return result.data;
}
