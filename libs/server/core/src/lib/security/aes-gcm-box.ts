import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * The 32-byte key of a box: the SHA-256 of the configured key when one is set, otherwise derived
 * (HKDF, with `purpose` as the info) from the JWT secret, which every process of a deployment shares.
 * Each purpose gets its own key, so one box cannot open another's secrets.
 */
export function boxKey(configuredKey: string | undefined, jwtSecret: string, purpose: string): Buffer {
  return configuredKey
    ? createHash('sha256').update(configuredKey).digest()
    : Buffer.from(hkdfSync('sha256', jwtSecret, 'fieldwork', purpose, 32));
}

/**
 * Secrets at rest (TOTP secrets, SSO client secrets): AES-256-GCM with a random 12-byte IV, stored as
 * `v1<separator>iv<separator>tag<separator>ciphertext` (base64url). The separator is part of the stored
 * format, so each box keeps the one its rows were written with. Associated data (e.g. the tenant id)
 * binds a secret to its row: copied elsewhere, it no longer opens.
 */
export class AesGcmBox {
  constructor(
    private readonly key: Buffer,
    private readonly separator: string,
  ) {}

  seal(plain: string, associatedData?: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    if (associatedData !== undefined) cipher.setAAD(Buffer.from(associatedData));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(this.separator);
  }

  /** The secret; throws when it is not a sealed secret or does not open (another key, other associated data, damaged). */
  open(sealed: string, associatedData?: string): string {
    const [version, iv, tag, body] = sealed.split(this.separator);
    if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    if (associatedData !== undefined) decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** The secret, or null when it cannot be opened. */
  tryOpen(sealed: string, associatedData?: string): string | null {
    try {
      return this.open(sealed, associatedData);
    } catch {
      return null;
    }
  }

  /** A keyed hash (HMAC-SHA256): a stolen table of such hashes cannot be searched offline without the key. */
  digest(text: string): Buffer {
    return createHmac('sha256', this.key).update(text).digest();
  }
}
