import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/index.ts';
import { loadSimConfig, readVariable, requireWalletSource } from './loadSimConfig.ts';

const KEY = `0x${'11'.repeat(32)}`;

function configError(env: Record<string, string>): ConfigError {
  try {
    loadSimConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadSimConfig', () => {
  it('applies the legacy defaults', () => {
    const config = loadSimConfig({});
    expect(config.gameplay).toMatchObject({
      loopIntervalMs: 45_000,
      initialSpreadMs: 15_000,
      maxBoxOpensPerCycle: 1,
      maxBidAttemptsPerCycle: 3,
      bidAttemptProbability: 0.9,
      bidMarkup: { min: 0.05, max: 0.35 },
      whitelistBonusFlux: 0,
      dailyClaimFlux: 1,
      faucetIntervalSeconds: 86_400,
      userAgent: 'entropy-sim/1.0',
    });
    expect(config.siwe).toEqual({ chainId: 1, uri: 'https://o.finality.dev/', domain: 'o.finality.dev' });
    expect(config.wallets).toMatchObject({
      source: 'env',
      kid: 'sim-local-v1',
      targetCount: 0,
      importEnvWallets: true,
      autoConfirmEthLock: true,
    });
    expect(config.wallets.ethLock.amountWei).toBe(10n ** 15n);
    expect(config.explicit.size).toBe(0);
  });

  it('reads the legacy VITE_ names and prefers the canonical ones', () => {
    const legacy = loadSimConfig({
      VITE_SUPABASE_URL: 'https://a.supabase.co/',
      VITE_SUPABASE_ANON_KEY: 'anon',
      VITE_SIWE_URI: 'https://app.example.com/login',
    });
    expect(legacy.target).toMatchObject({ url: 'https://a.supabase.co', anonKey: 'anon' });
    expect(legacy.siwe.domain).toBe('app.example.com');
    const both = loadSimConfig({ SUPABASE_URL: 'https://b.supabase.co', VITE_SUPABASE_URL: 'https://a.supabase.co' });
    expect(both.target.url).toBe('https://b.supabase.co');
    expect(both.explicit.has('SUPABASE_URL')).toBe(true);
  });

  it('rejects a malformed number naming the variable as the user wrote it (the legacy worker fell back silently)', () => {
    expect(configError({ SIM_LOOP_INTERVAL_MS: 'fast' }).message).toBe(
      'SIM_LOOP_INTERVAL_MS: must be an integer between 0 and 86400000 (got "fast")',
    );
    expect(configError({ SIM_BID_ATTEMPT_PROBABILITY: '1.5' }).variable).toBe('SIM_BID_ATTEMPT_PROBABILITY');
    expect(configError({ VITE_SUPABASE_URL: 'not a url' }).variable).toBe('VITE_SUPABASE_URL');
  });

  it('checks fields against each other', () => {
    expect(configError({ SIM_BID_MARKUP_MIN: '0.5', SIM_BID_MARKUP_MAX: '0.1' }).message).toMatch(
      /must not exceed SIM_BID_MARKUP_MAX/,
    );
    expect(configError({ SIM_DRY_RUN: 'true', SIM_WALLET_SOURCE: 'supabase' }).variable).toBe('SIM_DRY_RUN');
  });

  it('never echoes a secret value in an error', () => {
    const error = configError({ SIM_MANAGED_WALLETS_ENCRYPTION_KEY: 'abcdef0123456789' });
    expect(error.message).not.toContain('abcdef0123456789');
    const keyError = configError({ SIM_WALLET_PRIVATE_KEYS: `${KEY},0x1234` });
    expect(keyError.message).toMatch(/entry 2 of 2/);
    expect(keyError.message).not.toContain('1234');
  });

  it('parses keys, the encryption key and older decryption keys by id', () => {
    const config = loadSimConfig({
      SIM_WALLET_PRIVATE_KEYS: `${KEY}\n${KEY.toUpperCase().replace('0X', '0x')}`,
      SIM_MANAGED_WALLETS_ENCRYPTION_KEY: '22'.repeat(32),
      SIM_MANAGED_WALLETS_DECRYPTION_KEYS: `old-v0:${Buffer.alloc(32, 3).toString('base64')}`,
    });
    expect(config.wallets.privateKeys).toEqual([KEY]);
    expect([...config.wallets.decryptionKeys.keys()].sort()).toEqual(['old-v0', 'sim-local-v1']);
  });

  it('says what a wallet source still needs', () => {
    expect(() => requireWalletSource(loadSimConfig({}))).toThrow(/SIM_WALLET_PRIVATE_KEYS: is empty/);
    expect(() => requireWalletSource(loadSimConfig({ SIM_WALLET_SOURCE: 'supabase' }))).toThrow(
      /SIM_SUPABASE_SERVICE_ROLE_KEY/,
    );
    expect(() => requireWalletSource(loadSimConfig({ SIM_WALLET_SOURCE: 'ephemeral' }))).not.toThrow();
  });

  it('reads a single variable without validating the others', () => {
    expect(
      readVariable('DATABASE_URL', { DATABASE_URL: 'postgres://x@127.0.0.1/db', SIM_LOOP_INTERVAL_MS: 'bad' }),
    ).toBe('postgres://x@127.0.0.1/db');
  });

  it('returns a frozen configuration', () => {
    const config = loadSimConfig({});
    expect(Object.isFrozen(config.gameplay)).toBe(true);
  });
});
