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

  /** Before checking a password: counts the address, refuses when it or this account-from-this-address is over. */
  async beforeSignIn(ip: string, account: string): Promise<void> {
    await this.consume(this.ipRule, ip, 'Too many sign-in attempts from your network');
    await this.refuseWhenSpent(this.accountRule, accountKey(account, ip), 'Too many sign-in attempts');
  }

  /** A bad password: one more for this account from this address. */
  failedSignIn(ip: string, account: string): Promise<void> {
    return this.penalize(this.accountRule, accountKey(account, ip));
  }

  /** A successful sign-in clears this account's count from this address. */
  signedIn(ip: string, account: string): Promise<void> {
    return this.clear(this.accountRule, accountKey(account, ip));
  }

  /** A password-reset request: counts the address and the account (which is not revealed either way). */
  async resetRequested(ip: string, account: string): Promise<void> {
    await this.consume(this.ipRule, ip, 'Too many requests from your network');
    await this.consume({ name: 'reset', points: 5, seconds: 3600 }, account, 'Too many password-reset requests for this account');
  }

  /** Before checking a second-step code. */
  async beforeCode(ip: string, subject: string): Promise<void> {
    await this.consume(this.ipRule, ip, 'Too many attempts from your network');
    await this.refuseWhenSpent(this.codeRule, accountKey(subject, ip), 'Too many wrong codes');
  }

  failedCode(ip: string, subject: string): Promise<void> {
    return this.penalize(this.codeRule, accountKey(subject, ip));
  }

  codeAccepted(ip: string, subject: string): Promise<void> {
    return this.clear(this.codeRule, accountKey(subject, ip));
  }

  /** Accepting an invitation or setting a password from a link: the address only. */
  perAddress(ip: string): Promise<void> {
    return this.consume(this.ipRule, ip, 'Too many attempts from your network');
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
