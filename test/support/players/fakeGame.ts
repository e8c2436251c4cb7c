/**
 * @module Test support: a small in-memory game backend with the economy of the embedded stack's
 * fast smoke settings (faucet 20 FLUX every 30 s, the catalogue's box prices) and an auction that
 * alternates submissions and bidding. It answers gameplay RPCs by request name with the status and
 * body texts of the contract (gameplay-backend.md §2), so player models can be compared offline.
 */

/** The catalogue: box tier → price (gameplay-backend.md §5, box_tiers). */
const BOX_PRICES: Readonly<Record<string, number>> = {
  common: 10,
  uncommon: 25,
  rare: 50,
  epic: 100,
  legendary: 200,
  mythic: 350,
  celestial: 500,
  quantum: 750,
};
export const TIERS = Object.keys(BOX_PRICES);
const RARITY: Record<string, number> = Object.fromEntries(TIERS.map((tier, index) => [tier, index + 1]));

const FAUCET_FLUX = 20;
const FAUCET_WINDOW_MS = 30_000;
const ROUND_MS = 60_000;
const SUBMISSIONS_MS = 20_000;
const OTHER_SELLER = `0x${'5e'.repeat(20)}`;

interface Wallet {
  balance: number;
  lastClaimAt: number;
  parts: { id: string; rarity_tier_id: number; part_value: number; is_locked: boolean; is_equipped: boolean }[];
  submittedRound: number | undefined;
}

export interface FakeAnswer {
  status: number;
  body: unknown;
}

const reject = (message: string): FakeAnswer => ({ status: 400, body: { code: 'P0001', message } });

/** A game whose clock the caller moves; one instance per compared run. */
export function createFakeGame() {
  let now = 0;
  const wallets = new Map<string, Wallet>();
  const bids = new Map<number, { wallet: string; amount: number }[]>();
  let parts = 0;
  const walletOf = (address: string): Wallet => {
    let wallet = wallets.get(address);
    if (!wallet) {
      wallet = { balance: 0, lastClaimAt: Number.NEGATIVE_INFINITY, parts: [], submittedRound: undefined };
      wallets.set(address, wallet);
    }
    return wallet;
  };
  const round = () => {
    const id = Math.floor(now / ROUND_MS) + 1;
    const bidding = now % ROUND_MS >= SUBMISSIONS_MS;
    return { id, bidding };
  };
  const balanceBody = (wallet: Wallet) => ({ available_balance: wallet.balance });

  return {
    advance(ms: number) {
      now += ms;
    },
    now: () => now,
    /** the answer to request `name` of `address` with body `args` */
    answer(name: string, address: string, args: Record<string, unknown>): FakeAnswer {
      const wallet = walletOf(address);
      switch (name) {
        case 'rest_box_tiers':
          return { status: 200, body: TIERS.map((id) => ({ id, rarity_tier_id: RARITY[id] })) };
        case 'rest_rarity_tiers':
          return { status: 200, body: TIERS.map((id) => ({ id: RARITY[id], base_box_price_flux: BOX_PRICES[id] })) };
        case 'rpc_sync_wallet_flux_balance':
          return { status: 200, body: balanceBody(wallet) };
        case 'rpc_record_flux_faucet_claim':
          if (now - wallet.lastClaimAt < FAUCET_WINDOW_MS) return reject('flux faucet claim is still on cooldown');
          wallet.lastClaimAt = now;
          wallet.balance += FAUCET_FLUX;
          return { status: 200, body: { ...balanceBody(wallet), ledger_entry_id: 1 } };
        case 'rpc_open_mystery_box': {
          const tier = String(args.p_box_tier_id);
          const price = BOX_PRICES[tier]!;
          if (wallet.balance < price) return reject('insufficient flux balance');
          wallet.balance -= price;
          parts += 1;
          wallet.parts.push({
            id: `part-${parts}`,
            // drops come in every rarity, whatever the box (the stack draws them from box_drop_weights)
            rarity_tier_id: (parts % 5) + 1,
            part_value: price,
            is_locked: false,
            is_equipped: false,
          });
          return { status: 200, body: { part: { id: `part-${parts}` }, balance: balanceBody(wallet) } };
        }
        case 'rpc_get_active_auction': {
          const { id, bidding } = round();
          const roundBids = bids.get(id) ?? [];
          const highest = roundBids.reduce((max, bid) => Math.max(max, bid.amount), 0);
          return {
            status: 200,
            body: {
              round_id: id,
              status: bidding ? 'bidding' : 'accepting_submissions',
              part: bidding ? { id: 'lot', submitted_by: OTHER_SELLER } : null,
              bids: [...roundBids].reverse(),
              current_highest_bid: highest,
            },
          };
        }
        case 'rpc_get_user_inventory':
          return { status: 200, body: wallet.parts };
        case 'rpc_submit_auction_item': {
          const { id, bidding } = round();
          if (bidding) return reject('no active auction round accepting submissions');
          if (wallet.submittedRound === id) return reject('already submitted a part for this auction round');
          wallet.submittedRound = id;
          const part = wallet.parts.find((candidate) => candidate.id === args.p_part_id);
          if (part) part.is_locked = true;
          return { status: 200, body: { round_id: id, part_id: args.p_part_id } };
        }
        case 'rpc_place_auction_bid': {
          const { id, bidding } = round();
          if (!bidding || Number(args.p_round_id) !== id)
            return reject('auction round is not currently accepting bids');
          const roundBids = bids.get(id) ?? [];
          const highest = roundBids.reduce((max, bid) => Math.max(max, bid.amount), 0);
          const amount = Number(args.p_amount);
          const minimum = highest > 0 ? highest + Math.round(highest * 5) / 100 : 1;
          if (amount < minimum) return reject(`bid must be at least ${minimum} Flux (current highest + 5%)`);
          const previous = roundBids.find((bid) => bid.wallet === address);
          const delta = amount - (previous?.amount ?? 0);
          if (wallet.balance < delta) return reject('insufficient flux balance');
          wallet.balance -= delta;
          bids.set(id, [...roundBids.filter((bid) => bid !== previous), { wallet: address, amount }]);
          return { status: 200, body: { bid_id: 1, round_id: id, amount, balance: balanceBody(wallet) } };
        }
        default:
          return { status: 201, body: [] };
      }
    },
  };
}

export type FakeGame = ReturnType<typeof createFakeGame>;
