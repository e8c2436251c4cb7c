/**
 * @module The box tiers a player can pay for, as the game UI offers them: those whose price is at
 * most the player's last known balance. Without a known balance or a known price for every tier
 * the answer is undefined: the caller then chooses as the legacy worker did, among all tiers.
 */

/** Tiers priced at most `balance`, in their order; undefined when the balance or a price is unknown. */
export function affordableBoxTiers(
  tiers: readonly string[],
  priceOf: (tier: string) => number | undefined,
  balance: number | undefined,
): string[] | undefined {
  if (balance === undefined) return undefined;
  const affordable: string[] = [];
  for (const tier of tiers) {
    const price = priceOf(tier);
    if (price === undefined) return undefined;
    if (price <= balance) affordable.push(tier);
  }
  return affordable;
}
