import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionFromTokenResponse } from '../../src/gameplay/player/session.ts';
import { selectPartForAuction, type AuctionablePart } from '../../src/gameplay/selectPartForAuction.ts';
import { createCannedServer } from './createCannedServer.ts';

const server = createCannedServer();
let url = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  server.closeAllConnections();
});

const post = async (path: string) => {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    body: '{}',
    headers: { 'content-type': 'application/json' },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('the canned server', () => {
  it('answers sign-in with a session the player flow accepts', async () => {
    const { status, body } = await post('/auth/v1/token?grant_type=web3');
    expect(status).toBe(200);
    const session = sessionFromTokenResponse(body, Date.now());
    expect(session?.userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(session!.expiresAt).toBeGreaterThan(Date.now() + 3_000_000);
  });

  it('alternates the auction between a fresh round accepting submissions and bidding on a part of another wallet', async () => {
    const first = (await post('/rest/v1/rpc/get_active_auction')).body;
    const second = (await post('/rest/v1/rpc/get_active_auction')).body;
    const third = (await post('/rest/v1/rpc/get_active_auction')).body;
    expect(first.status).toBe('accepting_submissions');
    expect(second).toMatchObject({
      status: 'bidding',
      part: { submitted_by: '0x000000000000000000000000000000000000dead' },
    });
    expect(third.status).toBe('accepting_submissions');
    expect(third.round_id).not.toBe(first.round_id);
  });

  it('holds exactly one auctionable part in the inventory', async () => {
    const response = await fetch(`${url}/rest/v1/rpc/get_user_inventory`, { method: 'POST', body: '{}' });
    const parts = (await response.json()) as AuctionablePart[];
    expect(selectPartForAuction(parts)?.id).toBe('7a1d2f3e-0000-4000-8000-000000000004');
  });

  it('counts requests per method and path, answers unknown paths 404, and resets', async () => {
    await fetch(`${url}/__reset`, { method: 'POST' });
    await post('/rest/v1/rpc/sync_wallet_flux_balance');
    await post('/rest/v1/rpc/sync_wallet_flux_balance');
    expect((await post('/rest/v1/rpc/nope')).status).toBe(404);
    const stats = (await (await fetch(`${url}/__stats`)).json()) as Record<string, number>;
    expect(stats).toEqual({ 'POST /rest/v1/rpc/sync_wallet_flux_balance': 2, 'POST /rest/v1/rpc/nope': 1 });
  });
});
