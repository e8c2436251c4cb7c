import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ethLockRow } from './ethLockRow.ts';
import { walletRegistryRow } from './walletRegistryRow.ts';

const WALLET = '0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const NOW = new Date('2026-11-28T12:00:00.123Z');
const input = {
  wallet: WALLET,
  authUserId: '3f1c7c9e-8d1e-4b5a-9a51-0d0e5b3c2a11',
  chainId: 1,
  toAddress: '0x1111111111111111111111111111111111111111',
  amountWei: 1_000_000_000_000_000n,
  userAgent: 'entropy-sim/1.0',
  now: NOW,
  nonce: '0123456789abcdef',
};

describe('ethLockRow', () => {
  it('builds the §5.1 pseudo-confirmed lock exactly', () => {
    const digest = createHash('sha256')
      .update(`synthetic-eth-lock:0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266:${NOW.getTime()}:0123456789abcdef`)
      .digest('hex');
    expect(ethLockRow(input)).toEqual({
      wallet_address: '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266',
      auth_user_id: input.authUserId,
      tx_hash: `0x${digest}`,
      chain_id: 1,
      block_number: 0,
      from_address: '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266',
      to_address: '0x1111111111111111111111111111111111111111',
      amount_wei: '1000000000000000',
      receipt: { simulated: true, source: 'rocket-sim', kind: 'pseudo_commit' },
      status: 'confirmed',
      is_lock_active: true,
      last_error: null,
      tx_submitted_at: '2026-11-28T12:00:00.123Z',
      verifying_started_at: '2026-11-28T12:00:00.123Z',
      confirmed_at: '2026-11-28T12:00:00.123Z',
      client_timestamp: '2026-11-28T12:00:00.123Z',
      verification_attempts: 1,
      user_agent: 'entropy-sim/1.0 managed-wallet-bootstrap',
    });
  });

  it('is pure: same input, same row; another nonce or time, another tx hash', () => {
    expect(ethLockRow(input)).toEqual(ethLockRow(input));
    expect(ethLockRow({ ...input, nonce: 'fedcba9876543210' }).tx_hash).not.toBe(ethLockRow(input).tx_hash);
    expect(ethLockRow({ ...input, now: new Date(NOW.getTime() + 1) }).tx_hash).not.toBe(ethLockRow(input).tx_hash);
  });

  it('keeps wei amounts beyond 2^53 exact and matches the tx_hash check', () => {
    const row = ethLockRow({ ...input, amountWei: 123456789012345678901234567890n });
    expect(row.amount_wei).toBe('123456789012345678901234567890');
    expect(row.tx_hash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(JSON.parse(JSON.stringify(row))).toEqual(row);
  });

  it('rejects a nonce that is not 8 bytes of hex', () => {
    expect(() => ethLockRow({ ...input, nonce: 'xyz' })).toThrow('nonce must be 8 bytes');
  });
});

describe('walletRegistryRow', () => {
  it('sends the lower-case wallet with first and last seen set to now, like the legacy upsert', () => {
    expect(walletRegistryRow(WALLET, NOW)).toEqual({
      wallet_address: '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266',
      first_seen_at: '2026-11-28T12:00:00.123Z',
      last_seen_at: '2026-11-28T12:00:00.123Z',
    });
  });
});
