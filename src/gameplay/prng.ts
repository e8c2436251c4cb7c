/**
 * @module The seeded PRNG behind every gameplay decision (whether to open a box, which tier,
 * whether to bid, the markup, jitter), so a run is reproducible from its printed seed. Values that
 * must be unique across runs (SIWE and faucet nonces, idempotency-key UUIDs) deliberately use
 * node:crypto randomness instead: a replayed seed must not replay a nonce or a ledger key.
 */
import { createHash } from 'node:crypto';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

/** A mutable stream of pseudo-random draws. */
export interface Prng {
  /** uniform in [0, 1) (53 random bits) */
  next(): number;
  /** uniform integer in [min, max], both included */
  int(min: number, max: number): number;
  /** true with probability `p` (≤ 0 never, ≥ 1 always); always consumes exactly one draw */
  chance(p: number): boolean;
  /** a uniformly chosen element; undefined for an empty list */
  pick<T>(items: readonly [T, ...T[]]): T;
  pick<T>(items: readonly T[]): T | undefined;
}

/**
 * Creates a xoroshiro128+ generator whose 128-bit state is the SHA-256 of the seed and the
 * stream name, so each stream (e.g. one per wallet address) is independent of the others and
 * reproducible from `(seed, stream)` alone, whatever order the streams are created in.
 * @param seed the run seed (`SIM_SEED`, any safe integer)
 * @param stream names an independent sequence; `undefined` and `''` are the same stream
 */
export function createPrng(seed: number, stream = ''): Prng {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`PRNG seed must be a safe integer (got ${seed})`);
  const digest = createHash('sha256').update(`rocket-sim/prng/v1\0${seed}\0${stream}`).digest();
  const state = [0, 4, 8, 12].map((offset) => digest.readInt32BE(offset));
  // xoroshiro128+ stays at zero forever from an all-zero state (probability 2^-128, but cheap to rule out)
  if (!state.some((word) => word !== 0)) state[0] = 1;
  const rng = xoroshiro128plusFromState(state);

  function pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[uniformInt(rng, 0, items.length - 1)];
  }
  return {
    next: () => uniformFloat64(rng),
    int(min, max) {
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
        throw new RangeError(`int(min, max) needs integers with min <= max (got ${min}, ${max})`);
      }
      return uniformInt(rng, min, max);
    },
    chance: (p) => uniformFloat64(rng) < p,
    pick: pick as Prng['pick'],
  };
}
