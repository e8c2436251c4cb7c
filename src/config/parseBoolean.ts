/**
 * @module The one boolean parser of rocket-sim: environment variables and scenario variables
 * alike accept `true`/`false`, `1`/`0`, `yes`/`no`, `on`/`off` (any case, trimmed).
 */

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

/** The boolean `raw` spells, or undefined when it spells none. */
export function parseBoolean(raw: string | boolean): boolean | undefined {
  if (typeof raw === 'boolean') return raw;
  const word = raw.trim().toLowerCase();
  return TRUE.has(word) ? true : FALSE.has(word) ? false : undefined;
}
