/** @module Leasing through the pool client over HTTP: disjoint claims, expiry, renew, release, retire, last-used order. */
import { generatePrivateKey } from 'viem/accounts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { claimWallets } from './claimWallets.ts';
import { createPoolClient, type PoolClient } from './createPoolClient.ts';
import { generateWallets } from './generateWallets.ts';
import { poolStatus } from './poolStatus.ts';
import { releaseAllLeases, releaseLeases } from './releaseLeases.ts';
import { renewLeases } from './renewLeases.ts';
import { retireWallets } from './retireWallets.ts';
import { legacyEncrypt } from '../../test/support/pool/legacyPool.ts';
import { startPoolStack, type PoolStack } from '../../test/support/pool/startPoolStack.ts';
import { touchLastUsed } from './touchLastUsed.ts';

const KEY = Buffer.alloc(32, 0x5a);
const KID = 'sim-local-v1';
const KEYS = new Map([[KID, KEY]]);
const POOL = 200;
const TTL = 60_000;

let stack: PoolStack;
let client: PoolClient;

beforeAll(async () => {
  stack = await startPoolStack();
  client = createPoolClient(stack);
});
afterAll(async () => {
  await stack?.stop();
});
beforeEach(async () => {
  await stack.db.exec('delete from sim_wallet_keys');
  await generateWallets(client, { count: POOL, key: KEY, kid: KID });
});

const claim = (owner: string, count: number, leaseMs = TTL) =>
  claimWallets(client, { owner, count, leaseMs, keys: KEYS });
const addresses = (claimed: Awaited<ReturnType<typeof claim>>) => claimed.wallets.map((wallet) => wallet.address);

describe('claimWallets', () => {
  it('gives four concurrent claimers of 50 disjoint, decrypted sets covering the pool', async () => {
    const results = await Promise.all(['w1', 'w2', 'w3', 'w4'].map((owner) => claim(owner, 50)));
    expect(results.map((result) => result.wallets.length)).toEqual([50, 50, 50, 50]);
    expect(new Set(results.flatMap(addresses)).size).toBe(POOL);
    for (const { wallets } of results) {
      for (const wallet of wallets) {
        expect(wallet.privateKey).toMatch(/^0x[0-9a-f]{64}$/);
        expect(wallet.profile).toEqual({ aggression_score: 52, box_open_bias: 58, auction_bid_bias: 61 });
        expect(wallet.leaseExpiresAt.getTime()).toBeGreaterThan(Date.now());
      }
    }
    expect((await poolStatus(client)).leaseOwners).toEqual({ w1: 50, w2: 50, w3: 50, w4: 50 });
    expect((await claim('w5', 1)).wallets).toEqual([]);
  });

  it('frees the wallets of a claimer that stops renewing once its leases expire', async () => {
    const dead = addresses(await claim('dead', 50, 5_000));
    expect((await claim('alive', POOL)).wallets).toHaveLength(POOL - 50);
    await stack.db.query(
      `update sim_wallet_keys set lease_expires_at = now() - interval '1 second' where lease_owner = 'dead'`,
    );
    expect(await renewLeases(client, 'alive', TTL)).toBe(POOL - 50);
    expect(addresses(await claim('late', POOL)).sort()).toEqual([...dead].sort());
    expect(await renewLeases(client, 'dead', TTL)).toBe(0);
  });

  it('releases by owner and wallet list, or every lease', async () => {
    const mine = addresses(await claim('mine', 10));
    await claim('theirs', 10);
    expect(await releaseLeases(client, 'mine', mine.slice(0, 3))).toBe(3);
    expect(await releaseLeases(client, 'mine')).toBe(7);
    expect((await poolStatus(client)).leaseOwners).toEqual({ theirs: 10 });
    expect(await releaseAllLeases(client)).toBe(10);
    expect((await poolStatus(client)).leasedNow).toBe(0);
  });

  it('never hands out retired or compromised wallets, and retiring clears a lease', async () => {
    const held = addresses(await claim('holder', 2));
    const retired = await retireWallets(client, [held[0]!, '0x000000000000000000000000000000000000dead']);
    expect(retired).toEqual({ retired: [held[0]], missing: ['0x000000000000000000000000000000000000dead'] });
    await retireWallets(client, [held[1]!], { compromised: true });
    const status = await poolStatus(client);
    expect(status.byStatus).toEqual({ active: POOL - 2, retired: 1, compromised: 1 });
    expect(status.leasedNow).toBe(0);
    const everything = addresses(await claim('other', POOL));
    expect(everything).toHaveLength(POOL - 2);
    expect(everything).not.toContain(held[0]);
    expect(everything).not.toContain(held[1]);
  });

  it('claims the least recently used wallets first', async () => {
    const all = (
      await stack.db.query<{ wallet_address: string }>(
        'select wallet_address from sim_wallet_keys order by created_at, id',
      )
    ).map((row) => row.wallet_address);
    await touchLastUsed(client, all.slice(0, 150), new Date('2026-11-28T10:00:00Z'));
    await touchLastUsed(client, all.slice(150, 199), new Date('2026-11-28T09:00:00Z'));
    const first = addresses(await claim('lru', 50));
    expect(first[0]).toBe(all[199]);
    expect(first.slice(1).sort()).toEqual(all.slice(150, 199).sort());
  });

  it('releases claimed rows that do not decrypt and reports them by wallet and key id', async () => {
    await stack.db.exec('delete from sim_wallet_keys');
    const broken = legacyEncrypt(generatePrivateKey(), Buffer.alloc(32, 1), KID);
    await stack.db.query(
      `insert into sim_wallet_keys (wallet_address, private_key_ciphertext, private_key_iv, private_key_auth_tag, private_key_kid)
       values ($1, $2, $3, $4, $5)`,
      [
        broken.wallet_address,
        broken.private_key_ciphertext,
        broken.private_key_iv,
        broken.private_key_auth_tag,
        broken.private_key_kid,
      ],
    );
    await generateWallets(client, { count: 2, key: KEY, kid: KID });
    const result = await claim('picky', 10);
    expect(result.wallets).toHaveLength(2);
    expect(result.failures.map((failure) => [failure.walletAddress, failure.kid, failure.reason])).toEqual([
      [broken.wallet_address, KID, 'wrong_key'],
    ]);
    expect((await poolStatus(client)).leaseOwners).toEqual({ picky: 2 });
    await expect(
      claimWallets(client, { owner: 'strict', count: 10, leaseMs: TTL, keys: KEYS, strict: true }),
    ).rejects.toThrow(/1 claimed sim_wallet_keys rows do not decrypt \(strict mode\)/);
    expect((await poolStatus(client)).leaseOwners).toEqual({ picky: 2 });
  });
});
