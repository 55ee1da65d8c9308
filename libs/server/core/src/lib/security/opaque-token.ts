import { createHash, randomBytes } from 'node:crypto';

/** The realm of platform operators, who belong to no tenant. */
export const PLATFORM_REALM = '00000000-0000-0000-0000-000000000000';

const SECRET_BYTES = 32;
const UUID_BYTES = 16;

export interface IssuedToken {
  token: string;
  hash: Buffer;
}

export interface ParsedToken {
  realm: string;
  hash: Buffer;
}

/**
 * Opaque bearer secrets (refresh tokens, invitation links) that carry the realm
 * (tenant id, or the platform) they belong to, so the server can set the tenant
 * context before looking them up. 256 random bits; only a SHA-256 hash is stored.
 */
export function issueOpaqueToken(realm: string): IssuedToken {
  const token = Buffer.concat([uuidToBytes(realm), randomBytes(SECRET_BYTES)]).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function parseOpaqueToken(token: unknown): ParsedToken | null {
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{64}$/.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== UUID_BYTES + SECRET_BYTES) return null;
  return { realm: bytesToUuid(bytes.subarray(0, UUID_BYTES)), hash: hashToken(token) };
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function uuidToBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

function bytesToUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
