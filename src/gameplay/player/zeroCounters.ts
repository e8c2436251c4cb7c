/** @module Counters a worker emits as 0 when a player joins: gates and reports expect them to exist. */

/** A missing metric fails an `ensure` check, so these exist even when they stay zero. */
export const ZERO_COUNTERS = [
  'rocket.wallet_authenticated',
  'rocket.faucet_claimed',
  'rocket.box_opened',
  'rocket.auction_submitted',
  'rocket.auction_bid',
  'rocket.cycle_complete',
  'rocket.cycle_error',
  'rocket.skipped.unaffordable',
  'rocket.failure.http_4xx',
  'rocket.failure.http_5xx',
  'rocket.failure.rate_limited',
  'rocket.failure.network',
  'rocket.failure.timeout',
  'rocket.failure.invalid_response',
] as const;
