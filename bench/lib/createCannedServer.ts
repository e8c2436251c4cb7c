/**
 * @module A target that costs (almost) nothing: answers every path of the player flow with a
 * plausible fixed body, so a generator benchmark measures the generator and not the backend.
 * Run on its own as `node bench/lib/createCannedServer.ts` (prints its port as a JSON line);
 * `GET /__stats` returns the request count per method and path since the last `POST /__reset`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const USER_ID = '6f0b2a6c-3f5e-4c1d-9a37-2b8e5d1c4a90';
const SELLER = '0x000000000000000000000000000000000000dead';
const OTHER_BIDDER = '0x000000000000000000000000000000000000beef';
const WALLET = '0x1111111111111111111111111111111111111111';
const NOW = new Date().toISOString();
/** a JWT-shaped token; the processor never verifies it */
const ACCESS_TOKEN = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${Buffer.from(JSON.stringify({ sub: USER_ID, role: 'authenticated', aud: 'authenticated' })).toString('base64url')}.${'s'.repeat(43)}`;

const user = {
  id: USER_ID,
  aud: 'authenticated',
  role: 'authenticated',
  email: '',
  app_metadata: { provider: 'web3', providers: ['web3'] },
  user_metadata: {},
  identities: [],
  created_at: NOW,
  updated_at: NOW,
  is_anonymous: false,
};

const balance = {
  wallet_address: WALLET,
  auth_user_id: USER_ID,
  available_balance: 250,
  lifetime_claimed: 20,
  lifetime_spent: 70,
  last_faucet_claimed_at: NOW,
  whitelist_bonus_granted_at: NOW,
  created_at: NOW,
  updated_at: NOW,
};

const part = (id: string, rarity: number, value: number) => ({
  id,
  name: 'Ion Thruster',
  section_key: 'engine',
  section_name: 'Engine',
  rarity: ['', 'Common', 'Uncommon', 'Rare', 'Epic'][rarity],
  rarity_tier_id: rarity,
  attr1: 40,
  attr2: 41,
  attr3: 42,
  attr1_name: 'Thrust',
  attr2_name: 'Efficiency',
  attr3_name: 'Durability',
  part_value: value,
  total_power: 123,
  serial_number: 4242,
  serial_trait: null,
  is_shiny: false,
  is_locked: false,
  is_equipped: false,
  condition_pct: 100,
  source: 'mystery_box',
  illustration_key: 'engine',
  illustration_url: null,
  illustration_alt: 'Ion Thruster',
  created_at: NOW,
});

const bidding = {
  round_id: 1,
  status: 'bidding',
  starts_at: NOW,
  submission_ends_at: NOW,
  ends_at: new Date(Date.now() + 3_600_000).toISOString(),
  bidding_opens_at: NOW,
  part: { ...part('7a1d2f3e-0000-4000-8000-000000000001', 4, 246), submitted_by: SELLER },
  bids: [{ id: 1, wallet: OTHER_BIDDER, amount: 10, created_at: NOW }],
  current_highest_bid: 10,
  bid_count: 1,
};

/** Bodies by `METHOD path`; the auction alternates between bidding and a new round accepting submissions. */
const FIXED: Record<string, string> = {
  'GET /auth/v1/user': JSON.stringify(user),
  'GET /rest/v1/box_tiers': JSON.stringify(['common', 'uncommon', 'rare', 'epic'].map((id) => ({ id }))),
  'POST /rest/v1/rpc/sync_wallet_flux_balance': JSON.stringify(balance),
  'POST /rest/v1/rpc/record_flux_faucet_claim': JSON.stringify({ ...balance, ledger_entry_id: 17 }),
  'POST /rest/v1/rpc/open_mystery_box': JSON.stringify({
    part: part('7a1d2f3e-0000-4000-8000-000000000002', 2, 98),
    balance,
    ledger_entry_id: 18,
  }),
  'POST /rest/v1/rpc/get_user_inventory': JSON.stringify([
    part('7a1d2f3e-0000-4000-8000-000000000003', 1, 60),
    part('7a1d2f3e-0000-4000-8000-000000000004', 3, 192),
    { ...part('7a1d2f3e-0000-4000-8000-000000000005', 4, 250), is_locked: true },
  ]),
  'POST /rest/v1/rpc/submit_auction_item': JSON.stringify({
    submission_id: 5,
    round_id: 2,
    part_id: '7a1d2f3e-0000-4000-8000-000000000004',
    status: 'submitted',
  }),
  'POST /rest/v1/rpc/place_auction_bid': JSON.stringify({
    bid_id: 9,
    round_id: 1,
    amount: 11,
    min_next_bid: 11.55,
    balance,
  }),
};
const BIDDING = JSON.stringify(bidding);

function tokenBody(): string {
  const expiresAt = Math.floor(Date.now() / 1000) + 3600;
  return JSON.stringify({
    access_token: ACCESS_TOKEN,
    token_type: 'bearer',
    expires_in: 3600,
    expires_at: expiresAt,
    refresh_token: 'bench-refresh-token',
    user,
  });
}

/** Creates the canned server (not listening yet). */
export function createCannedServer(): Server {
  let counts: Record<string, number> = {};
  let auctionCalls = 0;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const key = `${req.method} ${path}`;
    // the body is drained so keep-alive connections stay usable
    req.resume();
    req.on('end', () => {
      if (key === 'GET /__stats') return reply(200, JSON.stringify(counts));
      if (key === 'POST /__reset') {
        counts = {};
        auctionCalls = 0;
        return reply(204, '');
      }
      counts[key] = (counts[key] ?? 0) + 1;
      if (key === 'POST /auth/v1/token') return reply(200, tokenBody());
      if (key === 'POST /rest/v1/rpc/get_active_auction') {
        auctionCalls += 1;
        // every other call: a fresh round accepting submissions, so players read inventory and submit
        const body =
          auctionCalls % 2 === 0
            ? BIDDING
            : JSON.stringify({
                ...bidding,
                round_id: 1000 + auctionCalls,
                status: 'accepting_submissions',
                part: null,
                bids: [],
                current_highest_bid: 0,
                bid_count: 0,
              });
        return reply(200, body);
      }
      const body = FIXED[key];
      return body === undefined
        ? reply(404, JSON.stringify({ message: `no canned answer for ${key}` }))
        : reply(200, body);
    });
    function reply(status: number, body: string): void {
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    }
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

if (import.meta.main) {
  const server = createCannedServer();
  server.listen(0, '127.0.0.1', () => {
    console.log(JSON.stringify({ event: 'canned_server_listening', port: (server.address() as AddressInfo).port }));
  });
  const stop = () => {
    server.close();
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
