/** @module One gameplay cycle of one player: what it has decided and learned since the cycle began. */

/** The `get_active_auction` fields a player reads. */
export interface ActiveAuction {
  status: string;
  round_id?: number | string;
  part?: { id?: string; submitted_by?: string } | null;
  bids?: { wallet: string; amount: number | string }[];
  current_highest_bid?: number | string;
}

/** A request body as built, kept so a retry resends exactly the same request (same idempotency key). */
export interface BuiltRequest {
  body: unknown;
  /** whose credentials: the player's session, or the service-role key */
  auth: 'user' | 'service' | 'anon';
  prefer?: string;
}

export interface Cycle {
  /** false once a step failed or needs a new sign-in: the rest of the cycle is skipped */
  ok: boolean;
  /** what ended the cycle early */
  error: { message: string; kind: 'failure' | 'reauth' } | undefined;
  boxesDone: boolean;
  pendingBox: { tier: string } | undefined;
  auction: ActiveAuction | undefined;
  wantsInventory: boolean;
  partToSubmit: string | undefined;
  bidsDone: boolean;
  /** current highest bid as this player knows it (updated after its own bid, like the legacy worker) */
  highest: number;
  bids: { wallet: string; amount: number }[];
  pendingBid: { amount: number; attempt: number } | undefined;
  /** set by a response that may be retried once (5xx on an idempotent step) */
  retryRequested: string | undefined;
  retried: Set<string>;
  lastRequest: Map<string, BuiltRequest>;
}

export function newCycle(): Cycle {
  return {
    ok: true,
    error: undefined,
    boxesDone: false,
    pendingBox: undefined,
    auction: undefined,
    wantsInventory: false,
    partToSubmit: undefined,
    bidsDone: false,
    highest: 0,
    bids: [],
    pendingBid: undefined,
    retryRequested: undefined,
    retried: new Set(),
    lastRequest: new Map(),
  };
}

/** Ends the rest of the cycle: a failure (counted at its end) or a needed sign-in; the first reason is kept. */
export function endCycleEarly(cycle: Cycle, kind: 'failure' | 'reauth', message: string): void {
  cycle.ok = false;
  cycle.error ??= { kind, message };
}
