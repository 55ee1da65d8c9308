import { PLATFORM_REALM, hashToken, issueOpaqueToken, parseOpaqueToken } from './opaque-token';

describe('opaque tokens', () => {
  const tenantId = '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

  it('carry their realm and 256 random bits, and are stored only as a SHA-256 hash', () => {
    const issued = issueOpaqueToken(tenantId);
    const parsed = parseOpaqueToken(issued.token);
    expect(parsed?.realm).toBe(tenantId);
    expect(parsed?.hash.equals(issued.hash)).toBe(true);
    expect(issued.hash.equals(hashToken(issued.token))).toBe(true);
    expect(Buffer.from(issued.token, 'base64url')).toHaveLength(48);
    expect(issueOpaqueToken(tenantId).token).not.toBe(issued.token);
  });

  it('work for the platform realm', () => {
    expect(parseOpaqueToken(issueOpaqueToken(PLATFORM_REALM).token)?.realm).toBe(PLATFORM_REALM);
  });

  it('reject anything malformed', () => {
    for (const bad of [undefined, 42, '', 'short', 'x'.repeat(63), `${issueOpaqueToken(tenantId).token}AA`]) {
      expect(parseOpaqueToken(bad)).toBeNull();
    }
  });
});
