import { describe, expect, it } from 'vitest';
import {
  formatGoUrl,
  fromByteString,
  goUrlHostname,
  goUrlJson,
  goUrlPort,
  parseGoRequestUri,
  parseGoUrl,
  toByteString,
} from './parseGoUrl.ts';

const requestUri = (raw: string) => parseGoRequestUri(toByteString(raw));

describe('parseGoRequestUri (url.ParseRequestURI)', () => {
  it('parses absolute URLs into Go fields and formats them back', () => {
    const url = requestUri('https://supabase.com');
    expect(url).toMatchObject({ scheme: 'https', host: 'supabase.com', path: '', rawQuery: '' });
    expect(formatGoUrl(url!)).toBe('https://supabase.com');
    expect(formatGoUrl(requestUri('HTTP://Example.COM/a?b=c')!)).toBe('http://Example.COM/a?b=c');
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
    expect(formatGoUrl(requestUri('https://')!)).toBe('https:');
    expect(formatGoUrl(requestUri('file:///etc/hosts')!)).toBe('file:///etc/hosts');
  });

  it('re-escapes paths and user info like (*URL).String', () => {
    expect(formatGoUrl(requestUri('http://localhost:3000/a b')!)).toBe('http://localhost:3000/a%20b');
    expect(formatGoUrl(requestUri('https://x.com/%41')!)).toBe('https://x.com/%41');
    expect(formatGoUrl(requestUri('http://user:pa@ss@host/')!)).toBe('http://user:pa%40ss@host/');
    expect(formatGoUrl(requestUri('https://x.com/a#b')!)).toBe('https://x.com/a%23b');
    expect(fromByteString(formatGoUrl(requestUri('https://x.com/?q=ü')!))).toBe('https://x.com/?q=ü');
  });

  it('splits host and port like Hostname() and Port()', () => {
    const v6 = requestUri('http://[::1]:3000/')!;
    expect([goUrlHostname(v6), goUrlPort(v6)]).toEqual(['::1', '3000']);
    const plain = requestUri('https://app.example.com:8443')!;
    expect([goUrlHostname(plain), goUrlPort(plain), plain.host]).toEqual([
      'app.example.com',
      '8443',
      'app.example.com:8443',
    ]);
  });

  it('serialises like encoding/json on a url.URL value', () => {
    expect(goUrlJson(requestUri('https://supabase.com')!)).toEqual({
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
    expect(goUrlJson(requestUri('https://u@x.com/%FF')!)).toMatchObject({ User: {}, Path: '/\uFFFD', RawPath: '' });
    expect(goUrlJson(requestUri('https://x.com/%ff')!)).toMatchObject({ Path: '/\uFFFD', RawPath: '/%ff' });
  });
});

describe('parseGoUrl (url.Parse)', () => {
  it('splits the fragment and accepts relative references', () => {
    expect(parseGoUrl('https://x.com/a#frag')).toMatchObject({ path: '/a', fragment: 'frag' });
    expect(parseGoUrl('relative/path')).toMatchObject({ path: 'relative/path' });
    expect(parseGoUrl('a:b/c')).toMatchObject({ scheme: 'a', opaque: 'b/c' });
    expect(parseGoUrl('https://x.com/#%zz')).toBeUndefined();
  });
});
