import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';
import { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER } from './principal';

/** Claims every verified token carries, whatever else it holds. */
interface RegisteredClaims {
  iss?: unknown;
  aud?: unknown;
  exp?: unknown;
  nbf?: unknown;
}

/**
 * Checks an HS256 access token on every request: the header names HS256 (nothing else is
 * accepted, so no `none` and no key confusion), the signature matches (constant time), it
 * has not expired, is not used before `nbf`, and was issued by Fieldwork for the API.
 * Returns the claims, or null for any token that fails a check.
 *
 * Tokens are signed with @nestjs/jwt (jsonwebtoken); verifying one is one HMAC and four
 * comparisons, done here directly because jsonwebtoken's general-purpose verify (key
 * parsing, options, callbacks) was a tenth of the API's CPU per request.
 */
export function verifyAccessToken<Claims extends object>(token: string, key: KeyObject, now = Date.now()): Claims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts;
  const expected = createHmac('sha256', key).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const head = parseJson(header);
  if (!head || head['alg'] !== JWT_ALGORITHM) return null;
  const claims = parseJson(payload) as (Claims & RegisteredClaims) | null;
  if (!claims) return null;
  const seconds = now / 1000;
  if (typeof claims.exp !== 'number' || claims.exp <= seconds) return null;
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > seconds)) return null;
  if (claims.iss !== JWT_ISSUER || claims.aud !== JWT_AUDIENCE) return null;
  return claims;
}

function parseJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
