import { describe, expect, it } from 'vitest';
import { isRedirectUrlValid } from './isRedirectUrlValid.ts';

describe('isRedirectUrlValid (GoTrue v2.190.0+)', () => {
  it('accepts the site URL host with the same scheme and port', () => {
    const policy = { siteUrl: 'https://app.example.com', uriAllowList: [] };
    expect(isRedirectUrlValid('https://app.example.com/login?x=1', policy)).toBe(true);
    expect(isRedirectUrlValid('http://app.example.com/login', policy)).toBe(false);
    expect(isRedirectUrlValid('https://app.example.com:8443/login', policy)).toBe(false);
    expect(isRedirectUrlValid('https://evil.example.com/', policy)).toBe(false);
    expect(isRedirectUrlValid('', policy)).toBe(false);
  });

  it('skips the port comparison for loopback-like hostnames', () => {
    const policy = { siteUrl: 'http://localhost:3000', uriAllowList: [] };
    expect(isRedirectUrlValid('http://localhost:5173/', policy)).toBe(true);
    expect(isRedirectUrlValid('https://localhost:5173/', policy)).toBe(false);
    const dev = { siteUrl: 'http://app.localhost:3000', uriAllowList: [] };
    expect(isRedirectUrlValid('http://app.localhost:4000/', dev)).toBe(true);
  });

  it('allows loopback IP literals, refuses other IPs and decimal hosts', () => {
    const policy = { siteUrl: 'https://app.example.com', uriAllowList: ['**'] };
    expect(isRedirectUrlValid('http://127.0.0.1:3000/', policy)).toBe(true);
    expect(isRedirectUrlValid('http://[::1]:3000/', policy)).toBe(true);
    expect(isRedirectUrlValid('http://[::ffff:127.0.0.1]/', policy)).toBe(true);
    expect(isRedirectUrlValid('http://10.0.0.1/', policy)).toBe(false);
    expect(isRedirectUrlValid('http://2130706433/', policy)).toBe(false);
    expect(isRedirectUrlValid('https://bad_host.com/', policy)).toBe(false);
    expect(isRedirectUrlValid('myapp://bad_host/', policy)).toBe(true);
  });

  it('matches allow-list globs against the URL without its fragment', () => {
    const policy = {
      siteUrl: 'https://example.netlify.com',
      uriAllowList: [
        'http://localhost:3000',
        'https://supabase.com/',
        'http://localhost:5173/',
        'https://supabase.com',
        'https://*.preview.app/**',
      ],
    };
    expect(isRedirectUrlValid('https://supabase.com', policy)).toBe(true);
    expect(isRedirectUrlValid('https://supabase.com/', policy)).toBe(true);
    expect(isRedirectUrlValid('https://supabase.com/#frag', policy)).toBe(true);
    expect(isRedirectUrlValid('https://supabase.com/login', policy)).toBe(false);
    expect(isRedirectUrlValid('https://pr-1.preview.app/a/b', policy)).toBe(true);
    expect(isRedirectUrlValid('https://a.b.preview.app/', policy)).toBe(false);
    expect(isRedirectUrlValid('https://evil.com/?https://supabase.com/', policy)).toBe(false);
  });

  it('refuses URLs Go cannot parse', () => {
    const policy = { siteUrl: 'https://app.example.com', uriAllowList: ['**'] };
    expect(isRedirectUrlValid('https://app.example.com/%zz', policy)).toBe(false);
    expect(isRedirectUrlValid('https://app.example.com:port/', policy)).toBe(false);
  });
});
