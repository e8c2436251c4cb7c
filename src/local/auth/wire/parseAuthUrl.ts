/**
 * @module URLs as the Auth server parses them: Go's `net/url` (`url.Parse`, `url.ParseRequestURI`,
 * `(*URL).String`, `Hostname`, `Port`).
 * GoTrue checks SIWE URIs and redirect URLs with these, and their quirks decide what passes.
 * All fields are byte strings (one JavaScript char per byte, latin1) because Go strings are bytes
 * and percent-decoding can produce invalid UTF-8.
 */
import { isIPv6 } from 'node:net';
import { decodeUtf8Lossy } from './decodeUtf8Lossy.ts';

export interface AuthUrlUserinfo {
  username: string;
  /** undefined when the userinfo had no `:` */
  password: string | undefined;
}

/** Go's `url.URL`, field for field. */
export interface AuthUrl {
  scheme: string;
  opaque: string;
  user: AuthUrlUserinfo | null;
  host: string;
  path: string;
  rawPath: string;
  omitHost: boolean;
  forceQuery: boolean;
  rawQuery: string;
  fragment: string;
  rawFragment: string;
}

type Mode = 'path' | 'host' | 'zone' | 'userPassword' | 'fragment';

/** A JavaScript string as the byte string Go would hold for it (UTF-8 bytes, one char each). */
export function toByteString(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** A byte string back to text, invalid UTF-8 replaced the way Go's JSON encoder does it. */
export function fromByteString(bytes: string): string {
  return decodeUtf8Lossy(Buffer.from(bytes, 'latin1'));
}

const isAlnum = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isHex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const unhex = (c: number) => (c <= 0x39 ? c - 0x30 : c <= 0x46 ? c - 0x41 + 10 : c - 0x61 + 10);

function shouldEscape(c: number, mode: Mode): boolean {
  if (isAlnum(c)) return false;
  const char = String.fromCharCode(c);
  if ((mode === 'host' || mode === 'zone') && `!$&'()*+,;=:[]<>"`.includes(char)) return false;
  if ('-_.~'.includes(char)) return false;
  if ('$&+,/:;=?@'.includes(char)) {
    if (mode === 'path') return char === '?';
    if (mode === 'userPassword') return '@/?:'.includes(char);
    if (mode === 'fragment') return false;
  }
  if (mode === 'fragment' && '!()*'.includes(char)) return false;
  return true;
}

function percentUnescape(s: string, mode: Mode): string | undefined {
  let percents = 0;
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      percents++;
      if (i + 2 >= s.length || !isHex(s.charCodeAt(i + 1)) || !isHex(s.charCodeAt(i + 2))) return undefined;
      const high = unhex(s.charCodeAt(i + 1));
      const escaped = s.slice(i, i + 3);
      // in a host, %-encoding is only for non-ASCII bytes (and %25 in IPv6 zones)
      if (mode === 'host' && high < 8 && escaped !== '%25') return undefined;
      if (mode === 'zone') {
        const value = high * 16 + unhex(s.charCodeAt(i + 2));
        if (escaped !== '%25' && value !== 0x20 && shouldEscape(value, 'host')) return undefined;
      }
      i += 3;
    } else {
      if ((mode === 'host' || mode === 'zone') && c < 0x80 && shouldEscape(c, mode)) return undefined;
      i++;
    }
  }
  if (percents === 0) return s;
  return s.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function percentEscape(s: string, mode: Mode): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += shouldEscape(c, mode) ? `%${c.toString(16).toUpperCase().padStart(2, '0')}` : s[i];
  }
  return out;
}

function validEncoded(s: string, mode: Mode): boolean {
  for (let i = 0; i < s.length; i++) {
    const char = s[i] ?? '';
    if (`!$&'()*+,;=:@[]%`.includes(char)) continue;
    if (shouldEscape(s.charCodeAt(i), mode)) return false;
  }
  return true;
}

function validOptionalPort(port: string): boolean {
  if (port === '') return true;
  if (!port.startsWith(':')) return false;
  return /^[0-9]*$/.test(port.slice(1));
}

function getScheme(raw: string): { scheme: string; rest: string } | undefined {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) continue;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      if (i === 0) return { scheme: '', rest: raw };
      continue;
    }
    if (c === 0x3a) {
      if (i === 0) return undefined; // missing protocol scheme
      return { scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
    }
    return { scheme: '', rest: raw };
  }
  return { scheme: '', rest: raw };
}

function parseHost(host: string): string | undefined {
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) return undefined;
    if (!validOptionalPort(host.slice(close + 1))) return undefined;
    const zone = host.slice(0, close).indexOf('%25');
    const literal = host.slice(1, zone >= 0 ? zone : close);
    // Go 1.24.8+/1.25.2+ require the brackets to hold an IPv6 address
    if (!isIPv6(literal) || literal.includes('%')) return undefined;
    if (zone >= 0) {
      const host1 = percentUnescape(host.slice(0, zone), 'host');
      const host2 = percentUnescape(host.slice(zone, close), 'zone');
      const host3 = percentUnescape(host.slice(close), 'host');
      if (host1 === undefined || host2 === undefined || host3 === undefined) return undefined;
      return host1 + host2 + host3;
    }
  } else {
    const colon = host.lastIndexOf(':');
    if (colon !== -1 && !validOptionalPort(host.slice(colon))) return undefined;
  }
  return percentUnescape(host, 'host');
}

function validUserinfo(s: string): boolean {
  return /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s);
}

function parseAuthority(authority: string): { user: AuthUrlUserinfo | null; host: string } | undefined {
  const at = authority.lastIndexOf('@');
  const host = parseHost(at < 0 ? authority : authority.slice(at + 1));
  if (host === undefined) return undefined;
  if (at < 0) return { user: null, host };
  const userinfo = authority.slice(0, at);
  if (!validUserinfo(userinfo)) return undefined;
  const colon = userinfo.indexOf(':');
  const username = percentUnescape(colon < 0 ? userinfo : userinfo.slice(0, colon), 'userPassword');
  const password = colon < 0 ? undefined : percentUnescape(userinfo.slice(colon + 1), 'userPassword');
  if (username === undefined || (colon >= 0 && password === undefined)) return undefined;
  return { user: { username, password }, host };
}

function parse(raw: string, viaRequest: boolean): AuthUrl | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects
  if (/[\x00-\x1f\x7f]/.test(raw)) return undefined;
  if (raw === '' && viaRequest) return undefined;
  const url: AuthUrl = {
    scheme: '',
    opaque: '',
    user: null,
    host: '',
    path: '',
    rawPath: '',
    omitHost: false,
    forceQuery: false,
    rawQuery: '',
    fragment: '',
    rawFragment: '',
  };
  if (raw === '*') {
    url.path = '*';
    return url;
  }
  const schemed = getScheme(raw);
  if (!schemed) return undefined;
  url.scheme = schemed.scheme.toLowerCase();
  let rest = schemed.rest;
  if (rest.endsWith('?') && rest.indexOf('?') === rest.length - 1) {
    url.forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      url.rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') {
      url.opaque = rest;
      return url;
    }
    if (viaRequest) return undefined;
    const slash = rest.indexOf('/');
    if ((slash < 0 ? rest : rest.slice(0, slash)).includes(':')) return undefined;
  }
  if ((url.scheme !== '' || (!viaRequest && !rest.startsWith('///'))) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    const parsed = parseAuthority(authority);
    if (!parsed) return undefined;
    url.user = parsed.user;
    url.host = parsed.host;
  } else if (url.scheme !== '' && rest.startsWith('/')) {
    url.omitHost = true;
  }
  const path = percentUnescape(rest, 'path');
  if (path === undefined) return undefined;
  url.path = path;
  url.rawPath = percentEscape(path, 'path') === rest ? '' : rest;
  return url;
}

/** Go's `url.Parse` over a byte string; undefined where Go returns an error. */
export function parseAuthUrl(raw: string): AuthUrl | undefined {
  const hash = raw.indexOf('#');
  const url = parse(hash < 0 ? raw : raw.slice(0, hash), false);
  if (!url || hash < 0) return url;
  const rawFragment = raw.slice(hash + 1);
  if (rawFragment === '') return url;
  const fragment = percentUnescape(rawFragment, 'fragment');
  if (fragment === undefined) return undefined;
  url.fragment = fragment;
  url.rawFragment = percentEscape(fragment, 'fragment') === rawFragment ? '' : rawFragment;
  return url;
}

/** Go's `url.ParseRequestURI` over a byte string (no fragment split); undefined on error. */
export function parseRequestUri(raw: string): AuthUrl | undefined {
  return parse(raw, true);
}

function escapedPath(url: AuthUrl): string {
  if (url.rawPath !== '' && validEncoded(url.rawPath, 'path') && percentUnescape(url.rawPath, 'path') === url.path)
    return url.rawPath;
  if (url.path === '*') return '*';
  return percentEscape(url.path, 'path');
}

function escapedFragment(url: AuthUrl): string {
  if (
    url.rawFragment !== '' &&
    validEncoded(url.rawFragment, 'fragment') &&
    percentUnescape(url.rawFragment, 'fragment') === url.fragment
  ) {
    return url.rawFragment;
  }
  return percentEscape(url.fragment, 'fragment');
}

/** Go's `(*url.URL).String()` as a byte string. */
export function formatAuthUrl(url: AuthUrl): string {
  let out = '';
  if (url.scheme !== '') out += `${url.scheme}:`;
  if (url.opaque !== '') {
    out += url.opaque;
  } else {
    if (url.scheme !== '' || url.host !== '' || url.user !== null) {
      if (!(url.omitHost && url.host === '' && url.user === null)) {
        if (url.host !== '' || url.path !== '' || url.user !== null) out += '//';
        if (url.user !== null) {
          out += percentEscape(url.user.username, 'userPassword');
          if (url.user.password !== undefined) out += `:${percentEscape(url.user.password, 'userPassword')}`;
          out += '@';
        }
        if (url.host !== '') out += percentEscape(url.host, 'host');
      }
    }
    const path = escapedPath(url);
    if (path !== '' && !path.startsWith('/') && url.host !== '') out += '/';
    if (out === '') {
      const slash = path.indexOf('/');
      if ((slash < 0 ? path : path.slice(0, slash)).includes(':')) out += './';
    }
    out += path;
  }
  if (url.forceQuery || url.rawQuery !== '') out += `?${url.rawQuery}`;
  if (url.fragment !== '') out += `#${escapedFragment(url)}`;
  return out;
}

function splitHostPort(hostPort: string): { hostname: string; port: string } {
  let hostname = hostPort;
  let port = '';
  const colon = hostname.lastIndexOf(':');
  if (colon !== -1 && validOptionalPort(hostname.slice(colon))) {
    port = hostname.slice(colon + 1);
    hostname = hostname.slice(0, colon);
  }
  if (hostname.startsWith('[') && hostname.endsWith(']')) hostname = hostname.slice(1, -1);
  return { hostname, port };
}

/** Go's `(*url.URL).Hostname()`. */
export function authUrlHostname(url: AuthUrl): string {
  return splitHostPort(url.host).hostname;
}

/** Go's `(*url.URL).Port()`. */
export function authUrlPort(url: AuthUrl): string {
  return splitHostPort(url.host).port;
}

/** What Go's `encoding/json` writes for a `url.URL` value (it has no JSON marshaller: plain struct fields). */
export function authUrlJson(url: AuthUrl): Record<string, unknown> {
  return {
    Scheme: fromByteString(url.scheme),
    Opaque: fromByteString(url.opaque),
    User: url.user === null ? null : {},
    Host: fromByteString(url.host),
    Path: fromByteString(url.path),
    RawPath: fromByteString(url.rawPath),
    OmitHost: url.omitHost,
    ForceQuery: url.forceQuery,
    RawQuery: fromByteString(url.rawQuery),
    Fragment: fromByteString(url.fragment),
    RawFragment: fromByteString(url.rawFragment),
  };
}
