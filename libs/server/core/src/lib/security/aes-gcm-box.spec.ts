import { createCipheriv, randomBytes } from 'node:crypto';
import { AesGcmBox, boxKey } from './aes-gcm-box';

describe('AesGcmBox', () => {
  const key = boxKey(undefined, 'a-jwt-secret-of-at-least-32-characters', 'test-purpose');

  it('seals and opens, with a fresh IV each time', () => {
    const box = new AesGcmBox(key, ':');
    const first = box.seal('JBSWY3DPEHPK3PXP');
    expect(first).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(box.seal('JBSWY3DPEHPK3PXP')).not.toBe(first);
    expect(box.open(first)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('opens what was sealed in the stored format before the box moved here (v1, base64url parts)', () => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from('tenant-a'));
    const body = Buffer.concat([cipher.update('client-secret', 'utf8'), cipher.final()]);
    const stored = ['v1', iv, cipher.getAuthTag(), body].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    expect(new AesGcmBox(key, '.').open(stored, 'tenant-a')).toBe('client-secret');
  });

  it('does not open with other associated data, another key, or a damaged text', () => {
    const box = new AesGcmBox(key, '.');
    const sealed = box.seal('client-secret', 'tenant-a');
    expect(box.tryOpen(sealed, 'tenant-b')).toBeNull();
    expect(new AesGcmBox(boxKey(undefined, 'a-jwt-secret-of-at-least-32-characters', 'other'), '.').tryOpen(sealed, 'tenant-a')).toBeNull();
    expect(box.tryOpen('v1.nonsense', 'tenant-a')).toBeNull();
    expect(() => box.open('not-sealed')).toThrow('not a sealed secret');
  });

  it('derives one key per purpose, or hashes the configured key', () => {
    expect(boxKey(undefined, 'jwt', 'a').equals(boxKey(undefined, 'jwt', 'b'))).toBe(false);
    expect(boxKey('configured-key', 'jwt', 'a').equals(boxKey('configured-key', 'other-jwt', 'b'))).toBe(true);
    expect(new AesGcmBox(key, ':').digest('123456').length).toBe(32);
  });
});
