import { createSecretKey } from 'node:crypto';
import { sign, type SignOptions } from 'jsonwebtoken';
import { verifyAccessToken } from './access-token';
import { JWT_AUDIENCE, JWT_ISSUER } from './principal';

const secret = 'a-secret-of-at-least-thirty-two-characters!';
const key = createSecretKey(Buffer.from(secret, 'utf8'));
const claims = { sub: 'u1', tid: 't1', kind: 'user', sid: 's1' };
const token = (options: SignOptions = {}, using = secret) =>
  sign(claims, using, { issuer: JWT_ISSUER, audience: JWT_AUDIENCE, expiresIn: 60, ...options, algorithm: options.algorithm ?? 'HS256' });

describe('verifyAccessToken', () => {
  it('accepts a token signed by the API (jsonwebtoken, HS256) and returns its claims', () => {
    expect(verifyAccessToken(token(), key)).toMatchObject({ ...claims, iss: JWT_ISSUER, aud: JWT_AUDIENCE });
  });

  it('refuses another key, a changed payload, another algorithm and "none"', () => {
    expect(verifyAccessToken(token({}, 'another-secret-of-at-least-thirty-two-chars'), key)).toBeNull();
    const [header, , signature] = token().split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'admin', iss: JWT_ISSUER, aud: JWT_AUDIENCE, exp: 9e9 })).toString('base64url');
    expect(verifyAccessToken(`${header}.${forged}.${signature}`, key)).toBeNull();
    expect(verifyAccessToken(token({ algorithm: 'HS512' }), key)).toBeNull();
    const none = sign(claims, '', { algorithm: 'none', issuer: JWT_ISSUER, audience: JWT_AUDIENCE, expiresIn: 60 });
    expect(verifyAccessToken(none, key)).toBeNull();
  });

  it('refuses an expired token, one not valid yet, and one for another issuer or audience', () => {
    const now = Date.now();
    expect(verifyAccessToken(token({ expiresIn: 60 }), key, now + 61_000)).toBeNull();
    expect(verifyAccessToken(token({ notBefore: 30 }), key, now)).toBeNull();
    expect(verifyAccessToken(token({ issuer: 'someone-else' }), key)).toBeNull();
    expect(verifyAccessToken(token({ audience: 'fieldwork-mfa' }), key)).toBeNull();
    expect(verifyAccessToken(sign(claims, secret, { algorithm: 'HS256', issuer: JWT_ISSUER, audience: JWT_AUDIENCE }), key)).toBeNull();
  });

  it('refuses what is not a token at all', () => {
    for (const junk of ['', 'a.b', 'a.b.c', '...', 'x'.repeat(5000), `${token()}.extra`]) expect(verifyAccessToken(junk, key)).toBeNull();
  });
});
