/**
 * @module The end of a player's cycle: its log line and counter (`cycle_complete`, or `cycle_error`
 * with the first reason) and the pause before the next one, the legacy `loop + U[0, 0.25·loop)`,
 * none after the last cycle and none past the end of the run.
 */
import type { Logger } from '../../log/index.ts';
import type { Metrics } from './steps.ts';
import type { VirtualPlayer } from './VirtualPlayer.ts';

/** Ends the cycle of `vp` and returns the think time in ms before the next one. */
export function endPlayerCycle(
  vp: VirtualPlayer,
  deps: { log: Logger; metrics: Metrics; now: () => number; until: number | undefined; more: boolean },
): number {
  const { player, cycle, settings } = vp;
  vp.inCycle = false;
  if (!player) return 0;
  const { log, metrics } = deps;
  if (cycle.error) {
    log.info({
      event: 'cycle_error',
      wallet: player.wallet,
      message: cycle.error.message,
      ...(cycle.error.kind === 'reauth' ? { reauth: true } : {}),
    });
    if (cycle.error.kind === 'failure') metrics.counter('rocket.cycle_error');
  } else {
    log.info({ event: 'cycle_complete', wallet: player.wallet });
    metrics.counter('rocket.cycle_complete');
  }
  const loop = settings.loopIntervalMs;
  const think = loop + Math.floor(player.prng.next() * 0.25 * loop);
  if (!deps.more) return 0;
  return deps.until === undefined ? think : Math.min(think, Math.max(0, deps.until - deps.now()));
}
