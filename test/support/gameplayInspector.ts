/**
 * @module Reads the reference game's tables through the REST API with the service key, numerics
 * cast to text so FLUX amounts are compared with all 18 decimals.
 */
import { createClient } from '@supabase/supabase-js';

export interface BalanceRow {
  wallet: string;
  available: string;
  claimed: string;
  spent: string;
  bonus_granted: boolean;
}

export interface LedgerRow {
  id: number;
  wallet: string;
  type: string;
  amount: string;
  reason: string | null;
  key: string | null;
  /** `payload.context.round_id` of auction rows */
  round: string | null;
}

export interface BidRow {
  id: number;
  wallet: string;
  amount: string;
  is_refunded: boolean;
  is_winning: boolean;
  escrow_ledger_id: number | null;
  refund_ledger_id: number | null;
}

export interface GameplayInspector {
  balance(wallet: string): Promise<BalanceRow>;
  balances(): Promise<BalanceRow[]>;
  /** ledger rows ordered by id, of one wallet or of all */
  ledger(wallet?: string): Promise<LedgerRow[]>;
  ledgerCount(): Promise<number>;
  /** the signed message and signature stored with a faucet claim */
  signedClaim(ledgerId: number): Promise<{ message: string; signature: `0x${string}` }>;
  bids(roundId: number): Promise<BidRow[]>;
  round(roundId: number): Promise<Record<string, unknown>>;
  part(partId: string): Promise<Record<string, unknown>>;
  /** `flux_ledger_reconciliation` rows with `has_drift` */
  drift(): Promise<Record<string, unknown>[]>;
  /** `run_flux_reconciliation()` as the service role */
  reconcile(): Promise<Record<string, unknown>>;
}

const BALANCE =
  'wallet:wallet_address,available:available_balance::text,claimed:lifetime_claimed::text,spent:lifetime_spent::text,granted_at:whitelist_bonus_granted_at';
const LEDGER =
  'id,wallet:wallet_address,type:entry_type,amount:amount_flux::text,reason:payload->>reason,key:idempotency_key,round:payload->context->>round_id';
const BID = 'id,wallet:wallet_address,amount:amount::text,is_refunded,is_winning,escrow_ledger_id,refund_ledger_id';

function unwrap<T>(what: string, result: { data: unknown; error: unknown; status: number }): T {
  if (result.error) throw new Error(`service read ${what} answered ${result.status}: ${JSON.stringify(result.error)}`);
  return result.data as T;
}

type RawBalance = Omit<BalanceRow, 'bonus_granted'> & { granted_at: string | null };

function toBalance(row: RawBalance): BalanceRow {
  const { granted_at: grantedAt, ...rest } = row;
  return { ...rest, bonus_granted: grantedAt !== null };
}

/** A service-key inspector of the stack at `url`. */
export function gameplayInspector(stack: { url: string; serviceRoleKey: string }): GameplayInspector {
  const service = createClient(stack.url, stack.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
  return {
    async balance(wallet) {
      const rows = unwrap<RawBalance[]>(
        'wallet_flux_balances',
        await service.from('wallet_flux_balances').select(BALANCE).eq('wallet_address', wallet),
      );
      const row = rows[0];
      if (!row) throw new Error(`no wallet_flux_balances row for ${wallet}`);
      return toBalance(row);
    },
    async balances() {
      const rows = unwrap<RawBalance[]>(
        'wallet_flux_balances',
        await service.from('wallet_flux_balances').select(BALANCE).order('wallet_address'),
      );
      return rows.map(toBalance);
    },
    async ledger(wallet) {
      let query = service.from('flux_ledger_entries').select(LEDGER).order('id');
      if (wallet) query = query.eq('wallet_address', wallet);
      return unwrap<LedgerRow[]>('flux_ledger_entries', await query);
    },
    async ledgerCount() {
      const result = await service.from('flux_ledger_entries').select('id', { count: 'exact', head: true });
      unwrap('flux_ledger_entries count', result);
      if (result.count === null) throw new Error('flux_ledger_entries count: no Content-Range total');
      return result.count;
    },
    async signedClaim(ledgerId) {
      return unwrap(
        'flux_ledger_entries',
        await service
          .from('flux_ledger_entries')
          .select('message:signed_message,signature')
          .eq('id', ledgerId)
          .single(),
      );
    },
    async bids(roundId) {
      return unwrap<BidRow[]>(
        'auction_bids',
        await service.from('auction_bids').select(BID).eq('round_id', roundId).order('id'),
      );
    },
    async round(roundId) {
      return unwrap(
        'auction_rounds',
        await service
          .from('auction_rounds')
          .select(
            'id,status,winning_bid_id,final_price:final_price::text,winner_wallet,selected_part_id,selected_by_wallet',
          )
          .eq('id', roundId)
          .single(),
      );
    },
    async part(partId) {
      return unwrap(
        'inventory_parts',
        await service
          .from('inventory_parts')
          .select('id,wallet_address,auth_user_id,source,source_ref,is_locked')
          .eq('id', partId)
          .single(),
      );
    },
    async drift() {
      return unwrap(
        'flux_ledger_reconciliation',
        await service.from('flux_ledger_reconciliation').select('*').eq('has_drift', true),
      );
    },
    async reconcile() {
      return unwrap('run_flux_reconciliation', await service.rpc('run_flux_reconciliation'));
    },
  };
}
