/**
 * @module The FLUX balance a gameplay RPC answered with: `sync_wallet_flux_balance` and
 * `record_flux_faucet_claim` return the balance object itself, `open_mystery_box` and
 * `place_auction_bid` carry it as `balance` (gameplay-backend.md §2). The UI shows this figure; a
 * player of the `ui` model decides with it.
 */

const numberOf = (value: unknown): number | undefined => {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(number) ? number : undefined;
};

/** `available_balance` of the body or of its `balance` object; undefined when it has neither. */
export function knownBalanceOf(body: unknown): number | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const record = body as { available_balance?: unknown; balance?: { available_balance?: unknown } | null };
  return numberOf(record.available_balance) ?? numberOf(record.balance?.available_balance);
}
