/**
 * @module The base URL of a target, whichever way it is given (`SUPABASE_URL`, `--target`,
 * Artillery's resolved target): an http(s) URL, trimmed of whitespace and trailing slashes, so
 * `${base}/auth/v1/...` never has a double slash.
 */

/** True for an absolute http: or https: URL. */
export function isHttpUrl(raw: string): boolean {
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** `https://x.supabase.co/` → `https://x.supabase.co` (no validation; see {@link isHttpUrl}). */
export function normalizeBaseUrl(raw: string): string {
  return raw.trim().replace(/\/+$/, '');
}
