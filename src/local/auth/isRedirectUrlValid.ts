/**
 * @module GoTrue's redirect-URL allow check (`utilities.IsRedirectURLValid`, v2.190.0+), which also
 * decides whether a signed SIWE message's URI and domain belong to this project.
 */
import { isIP } from 'node:net';
import { globToRegExp } from './globToRegExp.ts';
import { fromByteString, authUrlHostname, authUrlPort, parseAuthUrl, toByteString } from './wire/parseAuthUrl.ts';

/** The two settings the check reads: `GOTRUE_SITE_URL` and `GOTRUE_URI_ALLOW_LIST` entries. */
export interface RedirectPolicy {
  siteUrl: string;
  uriAllowList: readonly string[];
}

const compiled = new Map<string, RegExp>();

/** The compiled allow-list glob (cached; throws GlobSyntaxError for a pattern gobwas rejects). */
export function allowListPattern(entry: string): RegExp {
  let pattern = compiled.get(entry);
  if (!pattern) {
    pattern = globToRegExp(entry);
    compiled.set(entry, pattern);
  }
  return pattern;
}

/** Go's `net.ParseIP(host).IsLoopback()`; undefined when `host` is not an IP literal. */
function ipLoopback(host: string): boolean | undefined {
  if (host.includes('%')) return undefined;
  const version = isIP(host);
  if (version === 4) return host.startsWith('127.');
  if (version !== 6) return undefined;
  const normalized = new URL(`http://[${host}]/`).hostname;
  return normalized === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(normalized);
}

/** GoTrue's `isLocalhost`: hostnames whose port may differ from SITE_URL's. */
function isLocalhost(hostname: string): boolean {
  const lower = hostname.toLowerCase();
  return ['localhost', '127.0.0.1', '::1', '0.0.0.0', '::'].includes(lower) || lower.endsWith('.localhost');
}

/**
 * True when GoTrue would accept `redirectUrl`: same hostname and scheme as the site URL (and
 * same port, except for loopback-like hostnames), or else, after rejecting decimal hosts,
 * non-loopback IP literals and odd http(s) hostnames, a match of the URL (without fragment)
 * against one of the allow-list globs.
 */
export function isRedirectUrlValid(redirectUrl: string, policy: RedirectPolicy): boolean {
  if (redirectUrl === '') return false;
  const base = parseAuthUrl(toByteString(policy.siteUrl));
  const candidate = parseAuthUrl(toByteString(redirectUrl));
  if (!base || !candidate) return false;

  const hostname = authUrlHostname(candidate);
  if (
    authUrlHostname(base) === hostname &&
    base.scheme === candidate.scheme &&
    (authUrlPort(base) === authUrlPort(candidate) || isLocalhost(fromByteString(hostname)))
  ) {
    return true;
  }

  const scheme = candidate.scheme.toLowerCase().replace(/:$/, '');
  const isHttp = scheme === 'http' || scheme === 'https';
  if (/^[0-9]+$/.test(hostname)) return false;
  const loopback = ipLoopback(hostname);
  if (loopback !== undefined) return loopback;
  if (isHttp && !/^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?$/.test(hostname)) return false;

  const hash = redirectUrl.indexOf('#');
  const matchAgainst = hash < 0 ? redirectUrl : redirectUrl.slice(0, hash);
  return policy.uriAllowList.some((entry) => allowListPattern(entry).test(matchAgainst));
}
