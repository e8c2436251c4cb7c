/**
 * @module The early-stop rule of `--abort-on-fail` (and of `abortOnFail: true` on an ensure
 * threshold or condition), like k6's abortOnFail: the watched gates are judged on every 10-s window
 * as it arrives; when one has failed in every window of the grace period, the run is aborted (it
 * ends through the run stopper: results, health checks, report, exit 1 "aborted: …").
 */
import type { MetricsPeriod } from '../../report/artilleryResults.ts';
import type { EnsureConfig } from '../../report/ensureConfig.ts';
import { evaluateGates } from '../../report/evaluateGates.ts';
import { fmt } from '../../report/fmt.ts';

/** Artillery's window: every `intermediate` entry covers 10 s of wall clock. */
const WINDOW_SECONDS = 10;
/** `--grace` unless given. */
export const DEFAULT_GRACE_SECONDS = 30;

export interface AbortOnFail {
  /** the gates watched window by window (empty: the rule never fires) */
  readonly watched: EnsureConfig;
  /** judges one window; returns the reason to abort once a watched gate failed in every window of the grace */
  onWindow(window: Pick<MetricsPeriod, 'counters' | 'summaries'>): string | undefined;
  /** `onWindow` for the rocket plugin's `rocket:stats` messages; other messages are ignored */
  onMessage(message: unknown): string | undefined;
}

const flagged = (entry: unknown): boolean =>
  typeof entry === 'object' && entry !== null && (entry as { abortOnFail?: unknown }).abortOnFail === true;

/**
 * The gates of `ensure` that abort a run: with `--abort-on-fail`, every threshold (`- metric: max`,
 * and the legacy `p95:`/`p99:` keys); always, a threshold or a condition marked `abortOnFail: true`.
 * Conditions are not watched by the flag: many count things over the whole run (`rocket.auction_bid >
 * 0`) and fail in a window that simply saw none.
 */
export function abortOnFailGates(ensure: EnsureConfig, flag: boolean): EnsureConfig {
  const thresholds = (ensure.thresholds ?? []).filter((entry) => flag || flagged(entry));
  const conditions = (ensure.conditions ?? []).filter(
    (entry) => flagged(entry) && (entry as { strict?: unknown }).strict !== false,
  );
  const legacy = flag
    ? Object.fromEntries(
        (['min', 'max', 'median', 'p95', 'p99'] as const).flatMap((key) =>
          ensure[key] === undefined ? [] : [[key, ensure[key]]],
        ),
      )
    : {};
  return { thresholds, conditions, ...legacy };
}

/**
 * Creates the rule. A window in which a gate's metric is missing (no response yet) breaks its run
 * of failed windows: the rule aborts only on evidence. `graceSeconds` 0 aborts on the first failed window.
 */
export function createAbortOnFail(ensure: EnsureConfig, options: { flag: boolean; graceSeconds: number }): AbortOnFail {
  const watched = abortOnFailGates(ensure, options.flag);
  const needed = Math.max(1, Math.ceil(options.graceSeconds / WINDOW_SECONDS));
  const failedInARow = new Map<string, number>();
  const empty = evaluateGates(watched, { period: 0, counters: {}, rates: {}, summaries: {} }).length === 0;
  const rule: AbortOnFail = {
    watched,
    onMessage(message) {
      const stats = message as {
        type?: unknown;
        counters?: MetricsPeriod['counters'];
        summaries?: MetricsPeriod['summaries'];
      };
      if (stats?.type !== 'rocket:stats') return undefined;
      return rule.onWindow({ counters: stats.counters ?? {}, summaries: stats.summaries ?? {} });
    },
    onWindow(window) {
      if (empty) return undefined;
      const gates = evaluateGates(watched, { period: 0, rates: {}, ...window });
      for (const gate of gates) {
        const values = typeof gate.value === 'object' && gate.value !== null ? Object.values(gate.value) : [gate.value];
        const judged = values.length > 0 && values.every((value) => value !== null);
        const count = judged && !gate.passed ? (failedInARow.get(gate.name) ?? 0) + 1 : 0;
        failedInARow.set(gate.name, count);
        if (count >= needed) {
          const value = typeof gate.value === 'number' ? `, last ${fmt.number(gate.value)}` : '';
          return `${gate.name} failed in every window of the last ${count * WINDOW_SECONDS} s (${count} window${count === 1 ? '' : 's'}${value})`;
        }
      }
      return undefined;
    },
  };
  return rule;
}
