/**
 * @module The progress display of `rocket-sim run`: phase, elapsed and remaining time,
 * requests/s, errors and gameplay outcomes, from the rocket plugin's IPC messages. Human lines on
 * a terminal, JSON-line events otherwise (docker logs, CI).
 */
import type { Logger } from '../../log/index.ts';

export interface PhaseMessage {
  type: 'rocket:phase';
  name?: string;
  index?: number;
  durationSeconds?: number;
  at: number;
}

export interface StatsMessage {
  type: 'rocket:stats';
  counters: Record<string, number>;
  responseTime?: { p50?: number; p95?: number; p99?: number };
  at: number;
}

export interface Progress {
  onMessage(message: unknown): void;
  /** cumulative totals seen so far */
  totals(): Record<string, number>;
}

const clock = (ms: number): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

const sumPrefix = (counters: Record<string, number>, prefix: string) =>
  Object.entries(counters).reduce((sum, [key, value]) => (key.startsWith(prefix) ? sum + value : sum), 0);

/** Creates the display; `plannedSeconds` is the sum of the run's phases. */
export function createProgress(options: {
  scenario: string;
  plannedSeconds: number;
  phaseCount: number;
  log: Logger;
  human: boolean;
  write: (line: string) => void;
}): Progress {
  const startedAt = Date.now();
  const totals: Record<string, number> = {};
  let phase = '';
  let phaseIndex = 0;
  return {
    onMessage(message) {
      const typed = message as PhaseMessage | StatsMessage | { type?: string };
      if (typed.type === 'rocket:phase') {
        const p = typed as PhaseMessage;
        phase = p.name ?? `phase ${(p.index ?? 0) + 1}`;
        phaseIndex = (p.index ?? 0) + 1;
        return;
      }
      if (typed.type !== 'rocket:stats') return;
      const stats = typed as StatsMessage;
      for (const [key, value] of Object.entries(stats.counters)) totals[key] = (totals[key] ?? 0) + value;
      const elapsed = Date.now() - startedAt;
      const rps = (stats.counters['http.responses'] ?? 0) / 10;
      const errors = sumPrefix(stats.counters, 'errors.') + sumPrefix(stats.counters, 'rocket.failure.');
      const fields = {
        scenario: options.scenario,
        phase,
        phaseIndex,
        phaseCount: options.phaseCount,
        elapsedSeconds: Math.round(elapsed / 1000),
        remainingSeconds: Math.max(0, Math.round(options.plannedSeconds - elapsed / 1000)),
        requestsPerSecond: Math.round(rps * 10) / 10,
        p95Ms: stats.responseTime?.p95,
        errors,
        totalRequests: totals['http.responses'] ?? 0,
        totalErrors: sumPrefix(totals, 'errors.') + sumPrefix(totals, 'rocket.failure.'),
        signIns: totals['rocket.wallet_authenticated'] ?? 0,
        bids: totals['rocket.auction_bid'] ?? 0,
        // 429s of the platform's limiters (Auth per IP): the platform's, not the game's
        rateLimited: totals['rocket.failure.rate_limited'] ?? 0,
      };
      if (!options.human) {
        options.log.info({ event: 'run_progress', ...fields });
        return;
      }
      options.write(
        `[${options.scenario}] ${fields.phase} (${phaseIndex}/${options.phaseCount}) · ${clock(elapsed)} elapsed, ~${clock(fields.remainingSeconds * 1000)} left · ` +
          `${fields.requestsPerSecond} req/s · p95 ${fields.p95Ms ?? '-'} ms · errors ${errors} (total ${fields.totalErrors}) · ` +
          `sign-ins ${fields.signIns} · bids ${fields.bids}${fields.rateLimited > 0 ? ` · rate-limited ${fields.rateLimited}` : ''}`,
      );
    },
    totals: () => ({ ...totals }),
  };
}
