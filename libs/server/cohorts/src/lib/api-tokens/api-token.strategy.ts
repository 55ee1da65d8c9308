import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-strategy';
import { API_TOKEN_STRATEGY } from '@fieldwork/server-core';
import type { ApiTokenAuth } from './api-token-auth';
import { ApiTokensService } from './api-tokens.service';

type Verify = (bearer: string, done: (error: unknown, principal?: ApiTokenAuth | false) => void) => void;

/** A passport strategy for `Authorization: Bearer fwt_…`: hands the token to the verify callback. */
class BearerApiTokenStrategy extends Strategy {
  constructor(private readonly verify: Verify) {
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

/**
 * Authenticates an API token on the routes that accept one (the global guard
 * picks this strategy only there). A revoked or unknown token is a 401 at once.
 */
@Injectable()
export class ApiTokenStrategy extends PassportStrategy(BearerApiTokenStrategy, API_TOKEN_STRATEGY) {
  constructor(private readonly tokens: ApiTokensService) {
    super();
  }

  async validate(bearer: string): Promise<ApiTokenAuth> {
    const principal = await this.tokens.authenticate(bearer);
    if (!principal) throw new UnauthorizedException('This API token is not valid (revoked, or never issued); ask an admin for a new one');
    return principal;
  }
}
