import { describe, expect, it } from 'vitest';
import { GlobSyntaxError, globToRegExp } from './globToRegExp.ts';

const matches = (pattern: string, candidate: string) => globToRegExp(pattern).test(candidate);

describe('globToRegExp (gobwas/glob with separators . and /)', () => {
  it('needs an exact match when the pattern has no wildcards', () => {
    expect(matches('https://app.com', 'https://app.com')).toBe(true);
    expect(matches('https://app.com', 'https://app.com/')).toBe(false);
    expect(matches('https://app.com', 'https://appXcom')).toBe(false);
    expect(matches('http://localhost:3000', 'http://localhost:3000/x')).toBe(false);
    expect(matches('a+b(c)|d^$', 'a+b(c)|d^$')).toBe(true);
  });

  it('`*` stays within a dot- or slash-separated segment', () => {
    expect(matches('https://*.app.com/*', 'https://preview.app.com/login')).toBe(true);
    expect(matches('https://*.app.com/*', 'https://a.b.app.com/login')).toBe(false);
    expect(matches('https://*.app.com/*', 'https://preview.app.com/auth/callback')).toBe(false);
    expect(matches('https://app.com/*', 'https://app.com/')).toBe(true);
    expect(matches('https://app.com/*', 'https://app.com/v1.2')).toBe(false);
  });

  it('`**` crosses separators', () => {
    expect(matches('https://app.com/**', 'https://app.com/auth/callback?x=1.2')).toBe(true);
    expect(matches('https://**.app.com/**', 'https://a.b.app.com/x/y')).toBe(true);
    expect(matches('http://localhost:*/**', 'http://localhost:5173/')).toBe(true);
    expect(matches('http://localhost:*/**', 'http://localhost.evil.com/')).toBe(false);
  });

  it('`?` is one non-separator character', () => {
    expect(matches('https://app?.com', 'https://app1.com')).toBe(true);
    expect(matches('https://app?.com', 'https://app..com')).toBe(false);
    expect(matches('https://app?.com', 'https://app12.com')).toBe(false);
  });

  it('supports character classes, ranges, negation and alternatives', () => {
    expect(matches('https://app[12].com', 'https://app2.com')).toBe(true);
    expect(matches('https://app[!12].com', 'https://app3.com')).toBe(true);
    expect(matches('https://app[!12].com', 'https://app1.com')).toBe(false);
    expect(matches('https://app[!12]com', 'https://app.com')).toBe(true);
    expect(matches('https://app[a-c].com', 'https://appb.com')).toBe(true);
    expect(matches('https://app[a-c].com', 'https://appd.com')).toBe(false);
    expect(matches('https://{app,www}.example.com/*', 'https://www.example.com/x')).toBe(true);
    expect(matches('https://{app,www}.example.com/*', 'https://api.example.com/x')).toBe(false);
    expect(matches('https://{a,b{c,d}}.x', 'https://bd.x')).toBe(true);
  });

  it('treats escaped and stray special characters literally', () => {
    expect(matches('https://app.com/\\*', 'https://app.com/*')).toBe(true);
    expect(matches('https://app.com/\\*', 'https://app.com/x')).toBe(false);
    expect(matches('https://app.com/}', 'https://app.com/}')).toBe(true);
    expect(matches('https://app.com/a,b', 'https://app.com/a,b')).toBe(true);
  });

  it('rejects patterns gobwas cannot compile', () => {
    for (const pattern of ['https://app[.com', 'https://app[].com', 'https://app[z-a].com', 'https://app[a-']) {
      expect(() => globToRegExp(pattern), pattern).toThrow(GlobSyntaxError);
    }
  });
});
