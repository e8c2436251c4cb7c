/**
 * @module The target a worker's players talk to: the one Artillery resolved (`-t`, the `-e`
 * environment's `target`, `config.target`), with `SUPABASE_URL` only as the fallback when Artillery
 * has none, so plain `artillery run -c artillery.yml -e local ...` works with just the keys set.
 */
import { isHttpUrl, normalizeBaseUrl } from '../../config/baseUrl.ts';
import { requireTarget, type SimConfig } from '../../config/index.ts';
import { ConfigError } from '../../errors/index.ts';

/**
 * The base URL (no trailing slash) and anon key for this worker. Artillery's target counts only when
 * it is an http(s) URL: `{{ $env.SUPABASE_URL }}` with the variable unset leaves an empty or
 * untemplated string behind. Errors name what to set.
 */
export function resolveTarget(
  config: SimConfig,
  targetFromArtillery: string | undefined,
): { baseUrl: string; anonKey: string } {
  const fromArtillery =
    targetFromArtillery !== undefined && isHttpUrl(targetFromArtillery) ? targetFromArtillery : undefined;
  const url = fromArtillery ?? config.target.url;
  if (!url) {
    throw new ConfigError(
      'target',
      'none given: pass -e local or -t URL to Artillery, or set SUPABASE_URL (or VITE_SUPABASE_URL)',
    );
  }
  const { anonKey } = requireTarget({ ...config, target: { ...config.target, url } });
  return { baseUrl: normalizeBaseUrl(url), anonKey };
}
