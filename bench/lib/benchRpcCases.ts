/** @module The read and the write RPC the local-stack benchmark compares, with the body each player sends. */
import type { BenchUser } from './signInUsers.ts';

export interface RpcCase {
  fn: 'get_active_auction' | 'sync_wallet_flux_balance';
  kind: 'read' | 'write';
  /** named arguments, as the HTTP body and as the in-process call */
  args(user: BenchUser): Record<string, unknown>;
}

export const BENCH_USER_AGENT = 'rocket-sim-bench';

export const benchRpcCases: readonly RpcCase[] = [
  { fn: 'get_active_auction', kind: 'read', args: () => ({}) },
  {
    fn: 'sync_wallet_flux_balance',
    kind: 'write',
    args: (user) => ({
      p_wallet_address: user.wallet,
      p_client_timestamp: new Date().toISOString(),
      p_user_agent: BENCH_USER_AGENT,
    }),
  },
];
