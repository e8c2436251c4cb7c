/**
 * @module The requests before the gameplay of a cycle (sign-in, refresh, bookkeeping, catalogue),
 * in the order of the session block of artillery.yml's player flow, which the scenario skips as a
 * whole when none is due (`test/request-names.test.ts` checks the two lists agree).
 */
export const SESSION_STEPS = [
  'auth_refresh',
  'auth_web3',
  'auth_user',
  'seed_wallet_registry',
  'seed_eth_lock',
  'touch_wallet_key',
  'rest_box_tiers',
  'rest_rarity_tiers',
] as const;
