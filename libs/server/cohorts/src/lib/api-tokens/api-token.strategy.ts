import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { API_TOKEN_STRATEGY, BearerStrategy } from '@fieldwork/server-core';
import type { ApiTokenAuth } from './api-token-auth';
import { ApiTokensService } from './api-tokens.service';

/**
 * Authenticates an API token on the routes that accept one (the global guard
 * picks this strategy only there). A revoked or unknown token is a 401 at once.
 */
@Injectable()
export class ApiTokenStrategy extends PassportStrategy(BearerStrategy, API_TOKEN_STRATEGY) {
  constructor(private readonly tokens: ApiTokensService) {
    super();
  }

  async validate(bearer: string): Promise<ApiTokenAuth> {
    const principal = await this.tokens.authenticate(bearer);
    if (!principal) throw new UnauthorizedException('This API token is not valid (revoked, or never issued); ask an admin for a new one');
    return principal;
  }
}
