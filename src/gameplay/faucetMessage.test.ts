import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { faucetMessage } from './faucetMessage.ts';

describe('faucetMessage', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-01T08:00:00.250Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes the legacy nine lines', () => {
    const message = faucetMessage({
      wallet: '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266',
      amount: 1,
      cooldownSeconds: 86400,
      chainId: 1,
      nonce: '3b241101-e2bb-4255-8caf-4136c566a962',
      issuedAt: new Date(),
    });
    expect(message).toMatchInlineSnapshot(`
      "Entropy Network Flux Faucet
      Wallet: 0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266
      Action: claim_flux
      Amount: 1
      Cooldown Seconds: 86400
      Chain ID: 1
      Nonce: 3b241101-e2bb-4255-8caf-4136c566a962
      Issued At: 2026-03-01T08:00:00.250Z
      Settlement: offchain_message"
    `);
    expect(message.split('\n')).toHaveLength(9);
  });

  it('writes fractional amounts as JavaScript prints them', () => {
    const message = faucetMessage({
      wallet: '0xabc',
      amount: 2.5,
      cooldownSeconds: 5,
      chainId: 31337,
      nonce: 'n',
      issuedAt: new Date(),
    });
    expect(message).toContain('\nAmount: 2.5\nCooldown Seconds: 5\nChain ID: 31337\n');
  });
});
