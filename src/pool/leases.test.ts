/**
 * @module Lease semantics of claim/renew/release_sim_wallet_leases, on PGlite and (with DATABASE_URL)
 * on PostgreSQL, where four claimers on their own connections hold their claims open at once.
 */
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../local/db/index.ts';
import { openPoolDb, postgresServerUrl, type PoolDb } from '../../test/support/pool/openPoolDb.ts';

const POOL = 200;

const wallets = (rows: { wallet_address: string }[]) => rows.map((row) => row.wallet_address);

function leaseSuite(backend: 'pglite' | 'postgres') {
  let pool: PoolDb;
  let db: Db;

  beforeAll(async () => {
    pool = (await openPoolDb({ backend }))!;
    db = pool.db;
  });
  afterAll(async () => {
    await pool?.close();
  });
  beforeEach(async () => {
    await db.exec('delete from sim_wallet_keys');
    await db.query(
      `insert into sim_wallet_keys (wallet_address, private_key_ciphertext, private_key_iv, private_key_auth_tag, created_at)
       select '0x' || lpad(to_hex(g), 40, '0'), 'c', 'i', 't', now() - make_interval(secs => $1 - g) from generate_series(1, $1::int) g`,
      [POOL],
    );
  });

  /** One claim in its own transaction. */
  const claim = (owner: string, count: number, leaseSeconds = 60) =>
    db.transaction((tx) =>
      tx.query<{ wallet_address: string; lease_expires_at: unknown }>('select * from claim_sim_wallets($1, $2, $3)', [
        owner,
        count,
        leaseSeconds,
      ]),
    );

  const OWNERS = ['w1', 'w2', 'w3', 'w4'];

  /**
   * PostgreSQL: each owner claims 50 on a connection of its own and keeps its transaction (and its
   * row locks) open until all four have claimed; a barrier, not a sleep, makes them overlap. Each
   * claim after the first thus meets rows another open transaction holds: only `SKIP LOCKED` lets
   * it pass them (a plain `FOR UPDATE` would wait for a commit that comes after the barrier, and
   * fail on the lock timeout). Returns each owner's rows.
   */
  async function claimAtOnce(): Promise<{ wallet_address: string }[][]> {
    const clients = OWNERS.map(() => new pg.Client({ connectionString: pool.url }));
    try {
      await Promise.all(clients.map((client) => client.connect()));
      await Promise.all(clients.map((client) => client.query("set lock_timeout = '5s'")));
      let claimed = 0;
      let allClaimed!: () => void;
      const barrier = new Promise<void>((resolve) => {
        allClaimed = resolve;
      });
      const results = await Promise.all(
        clients.map(async (client, index) => {
          await client.query('begin');
          const { rows } = await client.query<{ wallet_address: string }>(
            'select * from claim_sim_wallets($1, 50, 60)',
            [OWNERS[index]],
          );
          claimed += 1;
          if (claimed === OWNERS.length) allClaimed();
          await barrier;
          return rows;
        }),
      );
      // the four claims are open at the same time, none committed yet
      const [open] = await db.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'idle in transaction'`,
      );
      expect(open!.n).toBe(OWNERS.length);
      await Promise.all(clients.map((client) => client.query('commit')));
      return results;
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
  }

  // PGlite has one connection: its four claims run one after another, so there it proves the lease
  // bookkeeping (a leased row is not handed out again), not the row locking of concurrent claims
  const title =
    backend === 'postgres'
      ? 'gives four claimers of 50, open at once on their own connections, disjoint sets covering the pool of 200'
      : 'gives four claimers of 50, one after another, disjoint sets covering the pool of 200';
  it(title, async () => {
    const results =
      backend === 'postgres' ? await claimAtOnce() : await Promise.all(OWNERS.map((owner) => claim(owner, 50)));
    const all = results.flatMap(wallets);
    expect(results.map((rows) => rows.length)).toEqual([50, 50, 50, 50]);
    expect(new Set(all).size).toBe(POOL);
    const owners = await db.query<{ lease_owner: string; n: number }>(
      'select lease_owner, count(*)::int as n from sim_wallet_keys group by lease_owner order by lease_owner',
    );
    expect(owners).toEqual(OWNERS.map((owner) => ({ lease_owner: owner, n: 50 })));
    expect(await claim('w5', 10)).toEqual([]);
  });

  it('hands the wallets of a claimer that stopped renewing to others once its leases expire', async () => {
    const dead = wallets(await claim('dead', 50, 5));
    const alive = wallets(await claim('alive', POOL));
    expect(alive).toHaveLength(POOL - 50);
    expect(alive.filter((wallet) => dead.includes(wallet))).toEqual([]);
    expect(await claim('late', 1)).toEqual([]);

    // time passes for the dead claimer only: its leases run out
    await db.query(
      `update sim_wallet_keys set lease_expires_at = now() - interval '1 second' where lease_owner = 'dead'`,
    );
    const [renewedAlive] = await db.query<{ n: number }>(`select renew_sim_wallet_leases('alive', 60) as n`);
    expect(renewedAlive!.n).toBe(POOL - 50);
    const taken = wallets(await claim('late', POOL));
    expect(taken.sort()).toEqual([...dead].sort());
    const [renewedDead] = await db.query<{ n: number }>(`select renew_sim_wallet_leases('dead', 60) as n`);
    expect(renewedDead!.n).toBe(0);
  });

  it('renews only unexpired leases and extends them', async () => {
    await claim('owner', 10, 5);
    await db.query(
      `update sim_wallet_keys set lease_expires_at = now() + interval '1 second' where lease_owner = 'owner'`,
    );
    const [renewed] = await db.query<{ n: number }>(`select renew_sim_wallet_leases('owner', 600) as n`);
    expect(renewed!.n).toBe(10);
    const [row] = await db.query<{ ok: boolean }>(
      `select bool_and(lease_expires_at > now() + interval '590 seconds') as ok from sim_wallet_keys where lease_owner = 'owner'`,
    );
    expect(row!.ok).toBe(true);
  });

  it('releases the listed wallets or all of one owner, never another owner’s', async () => {
    const mine = wallets(await claim('mine', 5));
    const theirs = wallets(await claim('theirs', 5));
    const [some] = await db.query<{ n: number }>(`select release_sim_wallet_leases('mine', $1::text[]) as n`, [
      [mine[0]!.toUpperCase().replace('0X', '0x'), theirs[0]!],
    ]);
    expect(some!.n).toBe(1);
    const [rest] = await db.query<{ n: number }>(`select release_sim_wallet_leases('mine') as n`);
    expect(rest!.n).toBe(4);
    const [left] = await db.query<{ n: number }>(
      `select count(*)::int as n from sim_wallet_keys where lease_owner is not null`,
    );
    expect(left!.n).toBe(5);
  });

  it('claims least recently used first and never non-active rows', async () => {
    await db.query(
      `update sim_wallet_keys set last_used_at = now() where wallet_address <> '0x00000000000000000000000000000000000000c8'`,
    );
    await db.query(
      `update sim_wallet_keys set last_used_at = now() - interval '1 hour' where wallet_address = '0x0000000000000000000000000000000000000005'`,
    );
    await db.query(
      `update sim_wallet_keys set status = 'retired' where wallet_address = '0x0000000000000000000000000000000000000007'`,
    );
    await db.query(
      `update sim_wallet_keys set status = 'compromised', last_used_at = null where wallet_address = '0x0000000000000000000000000000000000000009'`,
    );
    const first = wallets(await claim('lru', 2));
    expect(first).toEqual(['0x00000000000000000000000000000000000000c8', '0x0000000000000000000000000000000000000005']);
    const everything = wallets(await claim('lru', POOL));
    expect(everything).toHaveLength(POOL - 4);
    expect(everything).not.toContain('0x0000000000000000000000000000000000000007');
    expect(everything).not.toContain('0x0000000000000000000000000000000000000009');
  });
}

describe('leases on PGlite', () => leaseSuite('pglite'));
describe.runIf(postgresServerUrl() !== undefined)('leases on PostgreSQL (DATABASE_URL)', () => leaseSuite('postgres'));
