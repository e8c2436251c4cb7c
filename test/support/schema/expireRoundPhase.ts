/** @module Moves an auction round's clock instead of sleeping: ends its submission or bidding phase now. */
import type { Queryable } from '../../../src/local/db/index.ts';

/**
 * `submissions`: the submission window closed a second ago (the next tick transitions the round);
 * `round`: the whole round ended a second ago (the next tick finalizes it).
 */
export async function expireRoundPhase(db: Queryable, roundId: number, phase: 'submissions' | 'round'): Promise<void> {
  const sql =
    phase === 'submissions'
      ? `update public.auction_rounds
            set starts_at = least(starts_at, now() - interval '2 seconds'),
                submission_ends_at = now() - interval '1 second'
          where id = $1`
      : `update public.auction_rounds
            set starts_at = least(starts_at, now() - interval '3 seconds'),
                submission_ends_at = least(submission_ends_at, now() - interval '2 seconds'),
                ends_at = now() - interval '1 second'
          where id = $1`;
  await db.query(sql, [roundId]);
}
