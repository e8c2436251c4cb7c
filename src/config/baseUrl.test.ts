import { describe, expect, it } from 'vitest';
import { isHttpUrl, normalizeBaseUrl } from './baseUrl.ts';

describe('base URLs', () => {
  it('accepts http(s) URLs only', () => {
    expect(isHttpUrl('http://127.0.0.1:54321')).toBe(true);
    expect(isHttpUrl(' https://abc.supabase.co/ ')).toBe(true);
    for (const raw of ['notaurl', 'ftp://127.0.0.1/', '127.0.0.1:54321', '']) expect(isHttpUrl(raw), raw).toBe(false);
  });

  it('trims whitespace and every trailing slash', () => {
    expect(normalizeBaseUrl(' https://abc.supabase.co// ')).toBe('https://abc.supabase.co');
    expect(normalizeBaseUrl('http://127.0.0.1:54321/base/')).toBe('http://127.0.0.1:54321/base');
  });
});
