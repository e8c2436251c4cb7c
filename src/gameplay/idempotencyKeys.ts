/**
 * @module The legacy worker's `p_idempotency_key` formats. Keys are global in the ledger, so the
 * UUID parts come from `crypto.randomUUID()`, never from the seeded PRNG (a replayed seed would
 * replay old keys and get reconstructed results instead of real writes).
 */

/** `record_flux_faucet_claim` key: `sim-faucet:<wallet>:<uuid>` (the uuid is also the message nonce). */
export function faucetKey(wallet: string, uuid: string): string {
  return `sim-faucet:${wallet}:${uuid}`;
}

/** `open_mystery_box` key: `sim-box:<wallet>:<tier>:<uuid>`. */
export function boxKey(wallet: string, tier: string, uuid: string): string {
  return `sim-box:${wallet}:${tier}:${uuid}`;
}

/**
 * `place_auction_bid` key: `sim-bid:<wallet>:<round>:<attempt>:<amount with 2 decimals>`.
 * No UUID (legacy format): two bids of one wallet share a key only with the same round, attempt
 * and amount, and the server then replays the first result instead of debiting again.
 * @param attempt 0-based attempt within the cycle
 */
export function bidKey(wallet: string, round: number | string, attempt: number, amount: number): string {
  return `sim-bid:${wallet}:${round}:${attempt}:${amount.toFixed(2)}`;
}
