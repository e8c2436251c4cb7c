import { describe, expect, it } from 'vitest';
import {
  formatAuthUrl,
  fromByteString,
  authUrlHostname,
  authUrlJson,
  authUrlPort,
  parseRequestUri,
  parseAuthUrl,
  toByteString,
} from './parseAuthUrl.ts';

const requestUri = (raw: string) => parseRequestUri(toByteString(raw));

describe('parseRequestUri (url.ParseRequestURI)', () => {
  it('parses absolute URLs into Go fields and formats them back', () => {
    const url = requestUri('https://supabase.com');
    expect(url).toMatchObject({ scheme: 'https', host: 'supabase.com', path: '', rawQuery: '' });
    expect(formatAuthUrl(url!)).toBe('https://supabase.com');
    expect(formatAuthUrl(requestUri('HTTP://Example.COM/a?b=c')!)).toBe('http://Example.COM/a?b=c');
  });

  it('rejects what Go rejects', () => {
    for (const raw of [
      '',
      '***',
      'example.com',
      ':no-scheme',
      'http://a b.com/',
      'http://x.com:abc/',
      'https://x.com/%zz',
      'http://[::1/',
      'http://[nope]/',
      'https://x\u0001.com/',
      'http://us{er@x.com/',
    ]) {
      expect(requestUri(raw), raw).toBeUndefined();
    }
  });

  it('keeps Go quirks: opaque URIs, bare paths, `*`, empty authority', () => {
    expect(requestUri('mailto:someone@example.com')).toMatchObject({ scheme: 'mailto', opaque: 'someone@example.com' });
    expect(requestUri('/just/a/path')).toMatchObject({ scheme: '', path: '/just/a/path' });
    expect(requestUri('*')).toMatchObject({ path: '*' });
    expect(formatAuthUrl(requestUri('https://')!)).toBe('https:');
    expect(formatAuthUrl(requestUri('file:///etc/hosts')!)).toBe('file:///etc/hosts');
  });

  it('re-escapes paths and user info like (*URL).String', () => {
    expect(formatAuthUrl(requestUri('http://localhost:3000/a b')!)).toBe('http://localhost:3000/a%20b');
    expect(formatAuthUrl(requestUri('https://x.com/%41')!)).toBe('https://x.com/%41');
    expect(formatAuthUrl(requestUri('http://user:pa@ss@host/')!)).toBe('http://user:pa%40ss@host/');
    expect(formatAuthUrl(requestUri('https://x.com/a#b')!)).toBe('https://x.com/a%23b');
    expect(fromByteString(formatAuthUrl(requestUri('https://x.com/?q=ü')!))).toBe('https://x.com/?q=ü');
  });

  it('splits host and port like Hostname() and Port()', () => {
    const v6 = requestUri('http://[::1]:3000/')!;
    expect([authUrlHostname(v6), authUrlPort(v6)]).toEqual(['::1', '3000']);
    const plain = requestUri('https://app.example.com:8443')!;
    expect([authUrlHostname(plain), authUrlPort(plain), plain.host]).toEqual([
      'app.example.com',
      '8443',
      'app.example.com:8443',
    ]);
  });

  it('serialises like encoding/json on a url.URL value', () => {
    expect(authUrlJson(requestUri('https://supabase.com')!)).toEqual({
      Scheme: 'https',
      Opaque: '',
      User: null,
      Host: 'supabase.com',
      Path: '',
      RawPath: '',
      OmitHost: false,
      ForceQuery: false,
      RawQuery: '',
      Fragment: '',
      RawFragment: '',
    });
    expect(authUrlJson(requestUri('https://u@x.com/%FF')!)).toMatchObject({ User: {}, Path: '/\uFFFD', RawPath: '' });
    expect(authUrlJson(requestUri('https://x.com/%ff')!)).toMatchObject({ Path: '/\uFFFD', RawPath: '/%ff' });
  });
});

describe('parseAuthUrl (url.Parse)', () => {
  it('splits the fragment and accepts relative references', () => {
    expect(parseAuthUrl('https://x.com/a#frag')).toMatchObject({ path: '/a', fragment: 'frag' });
    expect(parseAuthUrl('relative/path')).toMatchObject({ path: 'relative/path' });
    expect(parseAuthUrl('a:b/c')).toMatchObject({ scheme: 'a', opaque: 'b/c' });
    expect(parseAuthUrl('https://x.com/#%zz')).toBeUndefined();
  });
});
