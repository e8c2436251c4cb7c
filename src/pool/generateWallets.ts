/** @module Generates new pool wallets in batches: random key, address, AES-GCM, one insert per table per batch. */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { generatePrivateKey } from 'viem/accounts';
import type { PoolClient } from './createPoolClient.ts';
import { keyRow, type KeyInsert } from './keyRow.ts';
import { profileRow } from './profileRow.ts';
import { unwrap } from './unwrap.ts';

export interface GenerateOptions {
  count: number;
  key: Buffer;
  kid: string;
  /** rows per insert request (default 500) */
  batchSize?: number;
  /** called after each stored batch (progress output) */
  onBatch?: (progress: { stored: number; count: number }) => void;
}

export interface GenerateResult {
  /** lower-case addresses, in generation order */
  wallets: string[];
  /** time spent generating keys, deriving addresses and encrypting */
  generateMs: number;
  /** time spent in insert requests */
  storeMs: number;
}

/** Keys derived between two yields, so timers and sockets of the same process stay served. */
const DERIVE_SLICE = 50;

/**
 * Generates `count` wallets (`source = simulator_generated`) and stores each batch with one
 * `sim_wallet_keys` insert and one `sim_wallet_profiles` insert. A failed batch throws; batches
 * stored before it stay (each is a complete set of keys + profiles).
 */
export async function generateWallets(client: PoolClient, options: GenerateOptions): Promise<GenerateResult> {
  const batchSize = options.batchSize ?? 500;
  if (!Number.isSafeInteger(options.count) || options.count < 0)
    throw new RangeError(`count must be a non-negative integer (got ${options.count})`);
  if (!Number.isSafeInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a positive integer (got ${batchSize})`);
  const wallets: string[] = [];
  let generateMs = 0;
  let storeMs = 0;
  while (wallets.length < options.count) {
    const size = Math.min(batchSize, options.count - wallets.length);
    const rows: KeyInsert[] = [];
    let started = performance.now();
    while (rows.length < size) {
      const slice = Math.min(DERIVE_SLICE, size - rows.length);
      for (let i = 0; i < slice; i++)
        rows.push(keyRow(generatePrivateKey(), options.key, options.kid, 'simulator_generated'));
      generateMs += performance.now() - started;
      await yieldToEventLoop();
      started = performance.now();
    }
    started = performance.now();
    unwrap(await client.from('sim_wallet_keys').insert(rows), 'insert into sim_wallet_keys (generated wallets)');
    unwrap(
      await client.from('sim_wallet_profiles').insert(rows.map((row) => profileRow(row.wallet_address))),
      'insert into sim_wallet_profiles (generated wallets)',
    );
    storeMs += performance.now() - started;
    for (const row of rows) wallets.push(row.wallet_address);
    options.onBatch?.({ stored: wallets.length, count: options.count });
  }
  return { wallets, generateMs, storeMs };
}
