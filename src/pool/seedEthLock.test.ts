/** @module The pseudo-confirmed ETH-lock upserts against the reference schema over HTTP. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPoolClient, type PoolClient } from './createPoolClient.ts';
import { seedEthLock } from './seedEthLock.ts';
import { startPoolStack, type PoolStack } from '../../test/support/pool/startPoolStack.ts';

const WALLET = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';

let stack: PoolStack;
let client: PoolClient;

beforeAll(async () => {
  stack = await startPoolStack();
  client = createPoolClient(stack);
});
afterAll(async () => {
  await stack?.stop();
});

describe('seedEthLock', () => {
  it('upserts wallet_registry then a confirmed, active, simulated lock; a second seed replaces the tx hash', async () => {
    const userId = randomUUID();
    await stack.db.query(
      `insert into auth.users (id, aud, role, created_at, updated_at) values ($1, 'authenticated', 'authenticated', now(), now())`,
      [userId],
    );
    const base = {
      wallet: WALLET,
      authUserId: userId,
      chainId: 1,
      toAddress: '0x1111111111111111111111111111111111111111',
      amountWei: 10n ** 15n,
      userAgent: 'entropy-sim/1.0',
    };
    const first = await seedEthLock(client, {
      ...base,
      now: new Date('2026-11-28T10:00:00Z'),
      nonce: '00000000000000aa',
    });
    const read = () =>
      stack.db.query<Record<string, unknown>>(
        `select wallet_address, auth_user_id::text, tx_hash, chain_id::int, block_number::int, from_address, to_address, amount_wei::text, amount_eth::text,
                receipt, status, is_lock_active, verification_attempts, user_agent, confirmed_at is not null as confirmed
         from eth_lock_submissions where wallet_address = $1`,
        [WALLET],
      );
    expect(await read()).toEqual([
      {
        wallet_address: WALLET,
        auth_user_id: userId,
        tx_hash: first.tx_hash,
        chain_id: 1,
        block_number: 0,
        from_address: WALLET,
        to_address: '0x1111111111111111111111111111111111111111',
        amount_wei: '1000000000000000',
        amount_eth: '0.001000000000000000',
        receipt: { simulated: true, source: 'rocket-sim', kind: 'pseudo_commit' },
        status: 'confirmed',
        is_lock_active: true,
        verification_attempts: 1,
        user_agent: 'entropy-sim/1.0 managed-wallet-bootstrap',
        confirmed: true,
      },
    ]);
    const second = await seedEthLock(client, base);
    expect(second.tx_hash).not.toBe(first.tx_hash);
    const rows = await read();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tx_hash).toBe(second.tx_hash);
    const registry = await stack.db.query('select wallet_address from wallet_registry where wallet_address = $1', [
      WALLET,
    ]);
    expect(registry).toHaveLength(1);
  });
});
