/** @module Re-encrypts every pool row that is not under the current key id, batch by batch and resumable. */
import { encryptPrivateKey, type PoolDecryptError } from '../wallets/index.ts';
import type { PoolClient } from './createPoolClient.ts';
import { decryptRows, undecryptableRowsError } from './decryptRows.ts';
import type { ReencryptedRow, SimWalletKeysRow } from './PoolDatabase.ts';
import { poolStatus } from './poolStatus.ts';
import { unwrap } from './unwrap.ts';
import { verifyEncryptionKey } from './verifyEncryptionKey.ts';

export interface RotateOptions {
  /** the current key and its id: every row ends up under them */
  key: Buffer;
  kid: string;
  /** kid → key for reading rows under older ids (SimConfig `wallets.decryptionKeys`) */
  decryptionKeys: ReadonlyMap<string, Buffer>;
  /** rows per read and per write (default 500) */
  batchSize?: number;
  /** check every row first and write nothing if any does not decrypt */
  strict?: boolean;
  /** called after each written batch */
  onBatch?: (progress: { batch: number; rotated: number }) => void;
}

export interface RotateResult {
  /** rows rewritten under the current kid */
  rotated: number;
  /** rows that did not decrypt and were left as they are */
  failures: PoolDecryptError[];
  /** rows changed by someone else between read and write (e.g. a concurrent rotation); left to them */
  changedConcurrently: number;
  /** rows still under another kid afterwards (the failures, or rows written meanwhile) */
  remaining: number;
}

type RotationRow = Pick<
  SimWalletKeysRow,
  | 'id'
  | 'wallet_address'
  | 'private_key_ciphertext'
  | 'private_key_iv'
  | 'private_key_auth_tag'
  | 'private_key_kid'
  | 'source'
>;

const COLUMNS =
  'id, wallet_address, private_key_ciphertext, private_key_iv, private_key_auth_tag, private_key_kid, source';

async function readBatch(client: PoolClient, kid: string, afterId: number, size: number): Promise<RotationRow[]> {
  return (
    unwrap(
      await client
        .from('sim_wallet_keys')
        .select(COLUMNS)
        .neq('private_key_kid', kid)
        .gt('id', afterId)
        .order('id', { ascending: true })
        .limit(size),
      'read sim_wallet_keys (key rotation)',
    ) ?? []
  );
}

/**
 * Moves every row to the current key: reads rows under other key ids in id order, decrypts them
 * with their own kid's key, re-encrypts with the current key and writes each batch with
 * `reencrypt_sim_wallet_keys`, which replaces a row only while it still holds the ciphertext that
 * was read. A run that stops half-way leaves every row readable (old or new kid) and the next run
 * continues where it stopped. Undecryptable rows are skipped and reported; with `strict` the whole
 * pool is checked first and nothing is written if any row fails.
 * @throws PoolWrongKeyError the current key does not open rows already under the current kid
 */
export async function rotatePoolKey(client: PoolClient, options: RotateOptions): Promise<RotateResult> {
  const batchSize = options.batchSize ?? 500;
  const keys = new Map(options.decryptionKeys);
  keys.set(options.kid, options.key);
  await verifyEncryptionKey(client, options.key, options.kid);

  if (options.strict) {
    const failures: PoolDecryptError[] = [];
    for (let afterId = 0; ; ) {
      const rows = await readBatch(client, options.kid, afterId, batchSize);
      if (rows.length === 0) break;
      failures.push(...decryptRows(rows, keys).failures);
      afterId = rows.at(-1)!.id;
    }
    if (failures.length > 0) throw undecryptableRowsError(failures, 'sim_wallet_keys rows');
  }

  const result: RotateResult = { rotated: 0, failures: [], changedConcurrently: 0, remaining: 0 };
  let batch = 0;
  for (let afterId = 0; ; ) {
    const rows = await readBatch(client, options.kid, afterId, batchSize);
    if (rows.length === 0) break;
    afterId = rows.at(-1)!.id;
    const { wallets, failures } = decryptRows(rows, keys);
    result.failures.push(...failures);
    if (wallets.length === 0) continue;
    const payload: ReencryptedRow[] = wallets.map(({ privateKey, row }) => ({
      wallet_address: row.wallet_address,
      expected_kid: row.private_key_kid,
      expected_iv: row.private_key_iv,
      ...encryptPrivateKey(privateKey, options.key, options.kid),
    }));
    const written =
      unwrap(await client.rpc('reencrypt_sim_wallet_keys', { p_rows: payload }), 'rpc reencrypt_sim_wallet_keys') ?? 0;
    result.rotated += written;
    result.changedConcurrently += payload.length - written;
    batch += 1;
    options.onBatch?.({ batch, rotated: result.rotated });
  }
  const status = await poolStatus(client);
  result.remaining = status.total - (status.byKid[options.kid] ?? 0);
  return result;
}
