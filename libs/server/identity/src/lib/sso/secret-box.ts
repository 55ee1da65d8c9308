import { Injectable } from '@nestjs/common';
import { AesGcmBox, AppConfig, boxKey } from '@fieldwork/server-core';

/**
 * Encrypts SSO client secrets at rest, with the tenant id as associated data (a secret copied to
 * another tenant's row does not open). The key is SSO_SECRET_KEY when set, otherwise derived from
 * the JWT secret.
 */
@Injectable()
export class SecretBox extends AesGcmBox {
  constructor(config: AppConfig) {
    super(boxKey(config.env.SSO_SECRET_KEY, config.jwtSecret, 'sso-client-secrets'), '.');
  }
}
