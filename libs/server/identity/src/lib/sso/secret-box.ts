import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { AppConfig } from '@fieldwork/server-core';

const VERSION = 'v1';

/**
 * Encrypts SSO client secrets at rest: AES-256-GCM with a key from SSO_SECRET_KEY, or derived
 * (HKDF) from the JWT secret when that is unset. Stored as `v1.<iv>.<tag>.<ciphertext>` (base64url);
 * the tenant id is the associated data, so a secret copied to another tenant's row does not decrypt.
 */
@Injectable()
export class SecretBox {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = config.env.SSO_SECRET_KEY
      ? createHash('sha256').update(config.env.SSO_SECRET_KEY).digest()
      : Buffer.from(hkdfSync('sha256', config.jwtSecret, 'fieldwork', 'sso-client-secrets', 32));
  }

  seal(plain: string, tenantId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(tenantId));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), body].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  /** The secret, or null when it cannot be read (another key, another tenant, damaged). */
  open(sealed: string, tenantId: string): string | null {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || body === undefined) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(tenantId));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
