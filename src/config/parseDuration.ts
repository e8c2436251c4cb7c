/**
 * @module The one duration syntax of every flag and spec (`--duration 15m`, `--tick-interval 60s`,
 * `--faults latency=200ms@0.1`): a number with an optional unit of ms, s, m or h.
 */

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
export type DurationUnit = keyof typeof UNIT_MS;

/**
 * `90s` → 90000, `1.5m` → 90000, `500ms` → 500; a plain number is in `defaultUnit` (seconds unless
 * said otherwise). Returns whole milliseconds (rounded), or undefined when `raw` is not a duration;
 * callers check the range they accept and name their flag.
 */
export function parseDurationMs(raw: string, defaultUnit: DurationUnit = 's'): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(raw.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * UNIT_MS[(match[2] as DurationUnit | undefined) ?? defaultUnit]);
}
