import type { Request } from 'express';
import { Strategy } from 'passport-strategy';

type Verify<T> = (bearer: string, done: (error: unknown, principal?: T | false) => void) => void;

/**
 * A passport strategy for `Authorization: Bearer <token>`: hands the token to the verify
 * callback (Nest's `PassportStrategy(BearerStrategy, name)` wires `validate(bearer)` in),
 * and fails with 401 when the header is missing or not a bearer token.
 */
export class BearerStrategy<T = unknown> extends Strategy {
  constructor(private readonly verify: Verify<T>) {
    super();
  }

  override authenticate(request: Request): void {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) return this.fail(401);
    this.verify(match[1], (error, principal) => {
      if (error) return this.error(error instanceof Error ? error : new Error(String(error)));
      if (!principal) return this.fail(401);
      return this.success(principal);
    });
  }
}
