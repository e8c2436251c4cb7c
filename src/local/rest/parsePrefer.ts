/** @module `Prefer` header handling (RFC 7240 as PostgREST reads it: first value of each kind wins). */
import type { LocalRequest } from '../http/types.ts';
import { pgrstErrors } from './pgrstErrors.ts';

export interface Preferences {
  resolution: 'merge-duplicates' | 'ignore-duplicates' | undefined;
  return: 'minimal' | 'representation' | 'headers-only' | undefined;
  count: 'exact' | 'planned' | 'estimated' | undefined;
  missing: 'default' | 'null' | undefined;
  handling: 'strict' | 'lenient' | undefined;
  maxAffected: number | undefined;
  /** `timezone=<name>`: set for the transaction (an unknown zone is PostgreSQL's 22023, 400) */
  timezone: string | undefined;
}

const KINDS = {
  resolution: ['merge-duplicates', 'ignore-duplicates'],
  return: ['minimal', 'representation', 'headers-only'],
  count: ['exact', 'planned', 'estimated'],
  missing: ['default', 'null'],
  handling: ['strict', 'lenient'],
} as const;

/**
 * Parses every `Prefer` header (comma-joined or repeated). Unknown preferences are ignored unless
 * `handling=strict` (PGRST122). `tx=commit`/`tx=rollback` are valid but not applied (Supabase keeps
 * `db-tx-end = commit`, which allows no override); `params=single-object` is unknown (removed in v13).
 */
export function parsePrefer(request: LocalRequest): Preferences {
  const raw = request.headers.prefer;
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
    .flatMap((header) => header.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
  const preferences: Preferences = {
    resolution: undefined,
    return: undefined,
    count: undefined,
    missing: undefined,
    handling: undefined,
    maxAffected: undefined,
    timezone: undefined,
  };
  const invalid: string[] = [];
  for (const value of values) {
    if (value.startsWith('timezone=')) {
      preferences.timezone ??= value.slice('timezone='.length);
      continue;
    }
    if (value === 'tx=commit' || value === 'tx=rollback') continue;
    const [name = '', setting = ''] = value.split('=', 2).map((part) => part.trim());
    if (name === 'max-affected' && /^[0-9]+$/.test(setting)) {
      preferences.maxAffected ??= Number(setting);
      continue;
    }
    const kind = Object.keys(KINDS).find((key) => key === name) as keyof typeof KINDS | undefined;
    const allowed: readonly string[] | undefined = kind === undefined ? undefined : KINDS[kind];
    if (kind === undefined || !allowed?.includes(setting)) {
      invalid.push(value);
      continue;
    }
    (preferences as unknown as Record<string, string | undefined>)[kind] ??= setting;
  }
  if (preferences.handling === 'strict' && invalid.length > 0) throw pgrstErrors.invalidPreferences(invalid);
  return preferences;
}

/**
 * The `Preference-Applied` value for the preferences a response honoured, in PostgREST's order
 * (resolution, missing, return, count, handling, timezone, max-affected); undefined when none.
 */
export function preferenceApplied(
  preferences: Preferences,
  applied: { resolution?: boolean; missing?: boolean; return?: boolean; maxAffected?: boolean },
): string | undefined {
  const parts: string[] = [];
  if (applied.resolution && preferences.resolution) parts.push(`resolution=${preferences.resolution}`);
  if (applied.missing && preferences.missing) parts.push(`missing=${preferences.missing}`);
  if (applied.return && preferences.return) parts.push(`return=${preferences.return}`);
  if (preferences.count) parts.push(`count=${preferences.count}`);
  if (preferences.handling) parts.push(`handling=${preferences.handling}`);
  if (preferences.timezone !== undefined) parts.push(`timezone=${preferences.timezone}`);
  if (applied.maxAffected && preferences.handling === 'strict' && preferences.maxAffected !== undefined)
    parts.push(`max-affected=${preferences.maxAffected}`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}
