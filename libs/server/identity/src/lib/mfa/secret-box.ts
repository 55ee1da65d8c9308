import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { AppConfig } from '@fieldwork/server-core';

const VERSION = 'v1';

/**
 * Encrypts TOTP secrets at rest (AES-256-GCM) and keys the recovery codes' hashes (HMAC-SHA256).
 * The key is MFA_SECRET_KEY when set, otherwise derived (HKDF) from the JWT secret, which every
 * process of a deployment shares.
 */
@Injectable()
export class MfaSecretBox {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = config.env.MFA_SECRET_KEY
      ? createHash('sha256').update(config.env.MFA_SECRET_KEY).digest()
      : Buffer.from(hkdfSync('sha256', config.jwtSecret, 'fieldwork', 'mfa-secret-key', 32));
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join(':');
  }

  open(box: string): string {
    const [version, iv, tag, sealed] = box.split(':');
    if (version !== VERSION || !iv || !tag || !sealed) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** A keyed hash: a stolen table of recovery-code hashes cannot be searched offline without the key. */
  digest(text: string): Buffer {
    return createHmac('sha256', this.key).update(text).digest();
  }
}
