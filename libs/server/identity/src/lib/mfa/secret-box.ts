import { Injectable } from '@nestjs/common';
import { AesGcmBox, AppConfig, boxKey } from '@fieldwork/server-core';

/**
 * Encrypts TOTP secrets at rest and keys the recovery codes' hashes (`digest`). The key is
 * MFA_SECRET_KEY when set, otherwise derived from the JWT secret.
 */
@Injectable()
export class MfaSecretBox extends AesGcmBox {
  constructor(config: AppConfig) {
    super(boxKey(config.env.MFA_SECRET_KEY, config.jwtSecret, 'mfa-secret-key'), ':');
  }
}
