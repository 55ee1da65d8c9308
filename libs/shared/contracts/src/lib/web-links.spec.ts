import { URL_MAX_LENGTH, isHttpUrl } from './web-links';

describe('isHttpUrl', () => {
  it('takes absolute http and https addresses', () => {
    expect(isHttpUrl('https://linkedin.com/in/dana')).toBe(true);
    expect(isHttpUrl('http://example.org')).toBe(true);
    expect(isHttpUrl('http://localhost:4200/path?q=1')).toBe(true);
    expect(isHttpUrl('  https://example.org  ')).toBe(true);
  });

  it('refuses other schemes, relative and half-typed addresses', () => {
    for (const value of ['ftp://x', 'javascript:alert(1)', 'mailto:a@b.test', 'data:text/plain,hi', 'example.org', '/path', 'https://', 'http//x', '', 'not a link']) {
      expect(isHttpUrl(value)).toBe(false);
    }
  });

  it('has one length limit for links', () => {
    expect(URL_MAX_LENGTH).toBe(2_000);
  });
});
