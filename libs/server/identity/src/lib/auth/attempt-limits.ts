import { CallHandler, ExecutionContext, HttpException, HttpStatus, Injectable, Logger, NestInterceptor, OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import Redis from 'ioredis';
import { Observable, catchError, throwError } from 'rxjs';
import { RateLimiterAbstract, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { AppConfig } from '@fieldwork/server-core';

/** 429 with the seconds to wait; `RetryAfterInterceptor` turns them into a `Retry-After` header. */
export class TooManyAttempts extends HttpException {
  constructor(
    readonly retryAfterSeconds: number,
    what: string,
  ) {
    const minutes = Math.ceil(retryAfterSeconds / 60);
    super(`${what}; wait ${minutes <= 1 ? 'a minute' : `${minutes} minutes`} and try again`, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** Sets `Retry-After` (seconds) on a 429 from the attempt limits. */
@Injectable()
export class RetryAfterInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof TooManyAttempts) context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(error.retryAfterSeconds));
        return throwError(() => error);
      }),
    );
  }
}

/** A counter rule: `points` in `seconds`. */
interface Rule {
  name: string;
  points: number;
  seconds: number;
}

const FIFTEEN_MINUTES = 15 * 60;

/** Attempts at one kind of secret (a password, a second-step code) for a subject (an account, a second step) from an address. */
export interface SecretAttempts {
  /** Before checking the secret: counts the address, refuses when it or this subject-from-this-address is over. */
  before(ip: string, subject: string): Promise<void>;
  /** A wrong secret: one more for this subject from this address. */
  failed(ip: string, subject: string): Promise<void>;
  /** A right secret clears this subject's count from this address. */
  succeeded(ip: string, subject: string): Promise<void>;
}

/**
 * Attempt limits kept in a store every API process shares (Redis when REDIS_URL is set, else the
 * `rate_limits` table), so several processes count together:
 *
 * - per address: every sign-in, reset request and code counts (LOGIN_LIMIT_PER_IP a minute);
 * - per account AND address: bad passwords (LOGIN_LIMIT_PER_ACCOUNT in 15 minutes). Someone else's
 *   failures from another address never lock the owner out; a successful sign-in clears the counter;
 * - per second step AND address: bad codes (5 in 15 minutes);
 * - per account: password-reset e-mails (5 an hour, whoever asks).
 *
 * Keys are hashed: no e-mail address is written to the store.
 */
@Injectable()
export class AttemptLimits implements OnModuleDestroy {
  private readonly logger = new Logger(AttemptLimits.name);
  private readonly redis: Redis | null;
  private readonly limiters = new Map<string, RateLimiterAbstract>();
  private readonly prefix: string;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {
    this.prefix = `${config.env.QUEUE_PREFIX}:limits`;
    this.redis = config.env.REDIS_URL ? new Redis(config.env.REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: true }) : null;
  }

  get backend(): 'redis' | 'postgres' {
    return this.redis ? 'redis' : 'postgres';
  }

  async onModuleDestroy(): Promise<void> {
    if (this.redis) await this.redis.quit().catch(() => this.redis?.disconnect());
  }

  /** Passwords: bad ones count per account and address (LOGIN_LIMIT_PER_ACCOUNT in 15 minutes); a successful sign-in clears the count. */
  readonly signIns: SecretAttempts = this.secretAttempts(() => this.accountRule, 'Too many sign-in attempts from your network', 'Too many sign-in attempts');

  /** Second-step codes: wrong ones count per second step and address (5 in 15 minutes); an accepted code clears the count. */
  readonly codes: SecretAttempts = this.secretAttempts(() => this.codeRule, 'Too many attempts from your network', 'Too many wrong codes');

  /** A password-reset request: counts the address and the account (which is not revealed either way). */
  async resetRequested(ip: string, account: string): Promise<void> {
    await this.consume(this.ipRule, ip, 'Too many requests from your network');
    await this.consume({ name: 'reset', points: 5, seconds: 3600 }, account, 'Too many password-reset requests for this account');
  }

  /** Accepting an invitation or setting a password from a link: the address only. */
  perAddress(ip: string): Promise<void> {
    return this.consume(this.ipRule, ip, 'Too many attempts from your network');
  }

  /**
   * The protocol of one kind of secret (`rule` counts the wrong ones of a subject from an address):
   * `fromAddress` is the refusal when the address is over, `whenSpent` when the subject-from-the-address is.
   */
  private secretAttempts(rule: () => Rule, fromAddress: string, whenSpent: string): SecretAttempts {
    return {
      before: async (ip, subject) => {
        await this.consume(this.ipRule, ip, fromAddress);
        await this.refuseWhenSpent(rule(), accountKey(subject, ip), whenSpent);
      },
      failed: (ip, subject) => this.penalize(rule(), accountKey(subject, ip)),
      succeeded: (ip, subject) => this.clear(rule(), accountKey(subject, ip)),
    };
  }

  private get ipRule(): Rule {
    return { name: 'ip', points: this.config.env.LOGIN_LIMIT_PER_IP, seconds: 60 };
  }

  private get accountRule(): Rule {
    return { name: 'account', points: this.config.env.LOGIN_LIMIT_PER_ACCOUNT, seconds: FIFTEEN_MINUTES };
  }

  private get codeRule(): Rule {
    return { name: 'code', points: 5, seconds: FIFTEEN_MINUTES };
  }

  private async consume(rule: Rule, key: string, what: string): Promise<void> {
    try {
      await this.limiter(rule).consume(hashKey(key));
    } catch (error) {
      if (error instanceof RateLimiterRes) throw new TooManyAttempts(Math.max(1, Math.ceil(error.msBeforeNext / 1000)), what);
      this.storeFailed(error);
    }
  }

  private async refuseWhenSpent(rule: Rule, key: string, what: string): Promise<void> {
    let state: RateLimiterRes | null = null;
    try {
      state = await this.limiter(rule).get(hashKey(key));
    } catch (error) {
      this.storeFailed(error);
    }
    if (state && state.consumedPoints >= rule.points) throw new TooManyAttempts(Math.max(1, Math.ceil(state.msBeforeNext / 1000)), what);
  }

  private async penalize(rule: Rule, key: string): Promise<void> {
    try {
      await this.limiter(rule).penalty(hashKey(key), 1);
    } catch (error) {
      this.storeFailed(error);
    }
  }

  private async clear(rule: Rule, key: string): Promise<void> {
    try {
      await this.limiter(rule).delete(hashKey(key));
    } catch (error) {
      this.storeFailed(error);
    }
  }

  /** The store is unreachable: sign-in keeps working (the database answers for the accounts), and it is logged. */
  private storeFailed(error: unknown): void {
    this.logger.error(`attempt limits: the ${this.backend} store failed: ${(error as Error).message}`);
  }

  private limiter(rule: Rule): RateLimiterAbstract {
    const name = `${rule.name}:${rule.points}:${rule.seconds}`;
    let limiter = this.limiters.get(name);
    if (!limiter) {
      const options = { keyPrefix: `${this.prefix}:${name}`, points: rule.points, duration: rule.seconds };
      limiter = this.redis
        ? new RateLimiterRedis({ ...options, storeClient: this.redis, useRedisPackage: false })
        : new RateLimiterPostgres({ ...options, storeClient: this.dataSource, storeType: 'typeorm', tableName: 'rate_limits', tableCreated: true });
      this.limiters.set(name, limiter);
    }
    return limiter;
  }
}

/** "tenant:email" (lower case) for an account; operators have no tenant. */
export function accountName(tenant: string | undefined, email: string): string {
  return `${(tenant ?? '').trim().toLowerCase()}:${email.trim().toLowerCase()}`;
}

function accountKey(account: string, ip: string): string {
  return `${account}|${ip}`;
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}
