/**
 * @module Drives auction rounds of a local stack started without a ticker: runs `run_auction_tick()`
 * on demand and ends a round's phase by moving its timestamps into the past (no sleeping).
 */
import type { Queryable } from '../../src/local/db/index.ts';
import { expireRoundPhase } from './schema/expireRoundPhase.ts';

/** `run_auction_tick()`'s result (contract §3.1). */
export interface TickResult {
  status: string;
  transitioned: Record<string, unknown>[];
  finalized: Record<string, unknown>[];
  started: Record<string, unknown> | null;
}

export interface GameplayRoundClock {
  /** one tick; throws when the tick failed (the stack's ticker returns undefined then) */
  tick(): Promise<TickResult>;
  /** ticks and returns the id of the round that tick started */
  startRound(): Promise<number>;
  /** closes the round's submission window, then ticks (transition to bidding) */
  endSubmissions(roundId: number): Promise<TickResult>;
  /** ends the whole round, then ticks (finalization) */
  endRound(roundId: number): Promise<TickResult>;
}

/** A clock over `stack.tick()` and the round timestamps in `stack.db`. */
export function gameplayRoundClock(stack: { db: Queryable; tick(): Promise<unknown> }): GameplayRoundClock {
  const tick = async (): Promise<TickResult> => {
    const result = (await stack.tick()) as TickResult | undefined;
    if (!result || typeof result !== 'object') throw new Error(`run_auction_tick() returned ${JSON.stringify(result)}`);
    return result;
  };
  return {
    tick,
    async startRound() {
      const result = await tick();
      const roundId = Number(result.started?.round_id);
      if (result.started?.status !== 'round_started' || !Number.isSafeInteger(roundId)) {
        throw new Error(`expected the tick to start a round, got ${JSON.stringify(result)}`);
      }
      return roundId;
    },
    async endSubmissions(roundId) {
      await expireRoundPhase(stack.db, roundId, 'submissions');
      return tick();
    },
    async endRound(roundId) {
      await expireRoundPhase(stack.db, roundId, 'round');
      return tick();
    },
  };
}
