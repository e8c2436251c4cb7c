import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { verifyWeb3Request, type Web3VerifyOptions } from './verifyWeb3Request.ts';

// GoTrue's web3_test.go configuration
const config = {
  siteUrl: 'https://example.netlify.com',
  uriAllowList: ['http://localhost:3000', 'https://supabase.com/', 'http://localhost:5173/', 'https://supabase.com'],
};
const at = (iso: string): Web3VerifyOptions => ({ ...config, now: new Date(iso) });

const VECTOR_1 = {
  message: [
    'supabase.com wants you to sign in with your Ethereum account:',
    '0xa1E993d09257291470e86778399D79A0864F327E',
    '',
    'Statement',
    '',
    'URI: https://supabase.com',
    'Version: 1',
    'Issued At: 2025-03-29T00:00:00.000Z',
    'Expiration Time: 2025-03-29T00:10:00Z',
    'Not Before: 2025-03-29T00:00:00Z',
  ].join('\n'),
  signature:
    '0x37495c9ac73f7a3acb589820699db39e1ab290f6756e41e16c2ddeb8588669440c9df95027597d518e3afb7db6f692fb63c44f56d266b2c65ac78a5d317bf5ef1c',
  chain: 'ethereum',
};
const VECTOR_2 = {
  message: [
    'localhost:5173 wants you to sign in with your Ethereum account:',
    '0x57c039062a750c7fe197b20E12406dB4f7d8833B',
    '',
    'Sign in on localhost',
    '',
    'URI: http://localhost:5173/',
    'Version: 1',
    'Issued At: 2025-05-16T14:52:03.613Z',
    '',
  ].join('\n'),
  signature:
    '0x0ca657558a144c88d768acb48e31f92bae195d3c7feb4496bd43ad6211ff904e733a0ccc29ed96da5b9f941b2a6b4363f7551d40d3fedb9b239819301c5c42731b',
  chain: 'ethereum',
};
const VECTOR_3 = {
  message: [
    'supabase.com wants you to sign in with your Ethereum account:',
    '0xD1FfC6bdfacf333C2B08F88f2f50ddcD87eaCa57',
    '',
    'Statement',
    '',
    'URI: https://supabase.com/',
    'Version: 1',
    'Issued At: 2025-03-29T00:00:00Z',
  ].join('\n'),
  signature:
    '0xd8dad96466536aca351702766ce1ca321317ef1e7c355b2cf19a166828f78854197ae34e3cdff0a6be1e6317f654ef458623433f14ed55f79f183e7a56c458f51b',
  chain: 'ethereum',
};

// fixed test keys (never used anywhere else)
const signerA = privateKeyToAccount('0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318');
const signerB = privateKeyToAccount('0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f');

interface Fields {
  domain?: string;
  address?: string;
  uri?: string;
  issuedAt?: string;
  expirationTime?: string;
  notBefore?: string;
}

function buildMessage(fields: Fields = {}): string {
  const lines = [
    `${fields.domain ?? 'supabase.com'} wants you to sign in with your Ethereum account:`,
    fields.address ?? signerA.address,
    '',
    'Sign in to the game',
    '',
    `URI: ${fields.uri ?? 'https://supabase.com/'}`,
    'Version: 1',
    'Chain ID: 1',
    'Nonce: abcdef123456',
    `Issued At: ${fields.issuedAt ?? '2025-03-29T00:00:00Z'}`,
  ];
  if (fields.expirationTime) lines.push(`Expiration Time: ${fields.expirationTime}`);
  if (fields.notBefore) lines.push(`Not Before: ${fields.notBefore}`);
  return lines.join('\n');
}

async function signed(fields: Fields = {}) {
  const message = buildMessage(fields);
  return { message, signature: await signerA.signMessage({ message }), chain: 'ethereum' };
}

const NOW = '2025-03-29T00:05:00Z';

describe('verifyWeb3Request: GoTrue test vectors', () => {
  it('accepts vector 1 (checksummed address, Not Before + Expiration Time)', async () => {
    const result = await verifyWeb3Request(VECTOR_1, at('2025-03-29T00:09:59Z'));
    expect(result).toMatchObject({ kind: 'ok', address: '0xa1E993d09257291470e86778399D79A0864F327E' });
  });

  it('accepts vector 2 (localhost over http, trailing newline)', async () => {
    expect(await verifyWeb3Request(VECTOR_2, at('2025-05-16T15:01:59Z'))).toMatchObject({
      kind: 'ok',
      address: '0x57c039062a750c7fe197b20E12406dB4f7d8833B',
    });
  });

  it('accepts vector 3 (minimal message)', async () => {
    expect(await verifyWeb3Request(VECTOR_3, at('2025-03-29T00:09:59Z'))).toMatchObject({
      kind: 'ok',
      address: '0xD1FfC6bdfacf333C2B08F88f2f50ddcD87eaCa57',
    });
  });

  it('rejects a signature by another key (vector 4 shape)', async () => {
    const message = buildMessage({ address: signerB.address });
    const signature = await signerA.signMessage({ message });
    expect(await verifyWeb3Request({ message, signature, chain: 'ethereum' }, at(NOW))).toEqual({
      kind: 'oauth',
      description: 'Signature does not match address in message',
    });
  });

  it('rejects vector 1 once it expired, vector 3 once issued too long ago', async () => {
    expect(await verifyWeb3Request(VECTOR_1, at('2025-03-29T00:10:01Z'))).toEqual({
      kind: 'oauth',
      description: 'Signed Ethereum message is expired',
    });
    expect(await verifyWeb3Request(VECTOR_3, at('2025-03-29T00:10:01Z'))).toEqual({
      kind: 'oauth',
      description: 'Ethereum message was issued too long ago',
    });
  });
});

describe('verifyWeb3Request: checks 3-6 (HTTP errors)', () => {
  it('check 3: chain', async () => {
    expect(await verifyWeb3Request({ ...VECTOR_3, chain: 'solana' }, at(NOW))).toEqual({
      kind: 'http',
      status: 422,
      code: 'web3_provider_disabled',
      message: 'Solana Web3 provider is disabled',
    });
    for (const chain of ['', 'Ethereum', 'kaspa', 'evm']) {
      expect(await verifyWeb3Request({ ...VECTOR_3, chain }, at(NOW))).toEqual({
        kind: 'http',
        status: 400,
        code: 'web3_unsupported_chain',
        message: 'Unsupported chain',
      });
    }
  });

  it('check 4: message size in bytes', async () => {
    expect(await verifyWeb3Request({ ...VECTOR_3, message: 'x'.repeat(63) }, at(NOW))).toEqual({
      kind: 'http',
      status: 400,
      code: 'validation_failed',
      message: 'message is too short',
    });
    // 32 two-byte characters are 64 bytes: long enough, so the parser speaks next
    expect(await verifyWeb3Request({ ...VECTOR_3, message: 'é'.repeat(32) }, at(NOW))).toMatchObject({
      message: 'siwe: message needs at least 6 lines',
    });
    expect(
      await verifyWeb3Request({ ...VECTOR_3, message: `${VECTOR_3.message}\n${' '.repeat(20480)}` }, at(NOW)),
    ).toEqual({
      kind: 'http',
      status: 400,
      code: 'validation_failed',
      message: 'message must not exceed 20KB',
    });
  });

  it('check 5: signature length after one lowercase 0x', async () => {
    const expected = {
      kind: 'http',
      status: 400,
      code: 'validation_failed',
      message: 'signature must be 65 bytes long, encoded as a 130 character-long hexadecimal string',
    };
    for (const signature of [
      '',
      '0x',
      VECTOR_3.signature.slice(0, -2),
      `${VECTOR_3.signature}00`,
      `0X${VECTOR_3.signature.slice(2)}`,
    ]) {
      expect(await verifyWeb3Request({ ...VECTOR_3, signature }, at(NOW)), signature).toEqual(expected);
    }
  });

  it('check 6: SIWE parse errors are validation_failed with the parser text', async () => {
    const message = VECTOR_3.message.replace('Version: 1', 'Version: 2');
    expect(await verifyWeb3Request({ ...VECTOR_3, message }, at(NOW))).toEqual({
      kind: 'http',
      status: 400,
      code: 'validation_failed',
      message: 'siwe: Version value is not supported, expected 1 got "2"',
    });
  });
});

describe('verifyWeb3Request: check 7 (signature)', () => {
  const mismatch = { kind: 'oauth', description: 'Signature does not match address in message' };

  it('requires the 0x prefix, valid hex and v of 0/1/27/28', async () => {
    expect(await verifyWeb3Request({ ...VECTOR_3, signature: VECTOR_3.signature.slice(2) }, at(NOW))).toEqual(mismatch);
    expect(
      await verifyWeb3Request({ ...VECTOR_3, signature: `${VECTOR_3.signature.slice(0, -3)}z1b` }, at(NOW)),
    ).toEqual(mismatch);
    // passes the length check (one 0x stripped), then fails hex decoding
    expect(await verifyWeb3Request({ ...VECTOR_3, signature: `0x0x${VECTOR_3.signature.slice(4)}` }, at(NOW))).toEqual(
      mismatch,
    );
    const v = VECTOR_3.signature.slice(-2);
    expect(v).toBe('1b');
    expect(
      await verifyWeb3Request({ ...VECTOR_3, signature: `${VECTOR_3.signature.slice(0, -2)}00` }, at(NOW)),
    ).toMatchObject({ kind: 'ok' });
    expect(
      await verifyWeb3Request(
        { ...VECTOR_3, signature: `${VECTOR_3.signature.slice(0, -2).toUpperCase().replace('0X', '0x')}1B` },
        at(NOW),
      ),
    ).toMatchObject({ kind: 'ok' });
    for (const bad of ['1d', '25', '02', 'ff']) {
      expect(
        await verifyWeb3Request({ ...VECTOR_3, signature: `${VECTOR_3.signature.slice(0, -2)}${bad}` }, at(NOW)),
        bad,
      ).toEqual(mismatch);
    }
  });

  it('treats out-of-range r/s as a mismatch instead of failing', async () => {
    const signature = `0x${'f'.repeat(128)}1b`;
    expect(await verifyWeb3Request({ ...VECTOR_3, signature }, at(NOW))).toEqual(mismatch);
  });

  it('compares addresses case-insensitively and hashes the exact message', async () => {
    const lower = await signed({ address: signerA.address.toLowerCase() });
    expect(await verifyWeb3Request(lower, at(NOW))).toMatchObject({
      kind: 'ok',
      address: signerA.address.toLowerCase(),
    });
    expect(await verifyWeb3Request({ ...lower, message: `${lower.message}\n` }, at(NOW))).toEqual(mismatch);
  });

  it('reports a bad signature before URI, domain and time problems', async () => {
    const message = buildMessage({ uri: 'http://evil.com/', domain: 'evil.com', issuedAt: '2020-01-01T00:00:00Z' });
    const signature = await signerB.signMessage({ message });
    expect(await verifyWeb3Request({ message, signature, chain: 'ethereum' }, at(NOW))).toEqual(mismatch);
  });
});

describe('verifyWeb3Request: checks 8-10 (URI and domain)', () => {
  it('check 8: https unless the URI host is localhost', async () => {
    expect(await verifyWeb3Request(await signed({ uri: 'http://supabase.com/' }), at(NOW))).toEqual({
      kind: 'oauth',
      description: 'Signed Ethereum message is using URI which does not use HTTPS',
    });
    expect(
      await verifyWeb3Request(await signed({ domain: '127.0.0.1', uri: 'http://127.0.0.1:3000' }), at(NOW)),
    ).toMatchObject({
      message: 'siwe: domain in first line of message is not valid',
    });
    expect(
      await verifyWeb3Request(await signed({ domain: 'localhost:3000', uri: 'http://127.0.0.1:3000' }), at(NOW)),
    ).toEqual({
      kind: 'oauth',
      description: 'Signed Ethereum message is using URI which does not use HTTPS',
    });
  });

  it('check 9: the URI must pass the allow check', async () => {
    expect(await verifyWeb3Request(await signed({ domain: 'evil.com', uri: 'https://evil.com/' }), at(NOW))).toEqual({
      kind: 'oauth',
      description:
        'Signed Ethereum message is using URI which is not allowed on this server, message was signed for another app',
    });
    expect(await verifyWeb3Request(await signed({ uri: 'https://supabase.com/login' }), at(NOW))).toMatchObject({
      kind: 'oauth',
    });
  });

  it('check 10: the domain must equal the URI host and be allowed itself', async () => {
    const domainMismatch = {
      kind: 'oauth',
      description:
        'Signed Ethereum message is using a Domain that does not match the one in URI which is not allowed on this server',
    };
    expect(
      await verifyWeb3Request(await signed({ domain: 'evil.com', uri: 'https://supabase.com/' }), at(NOW)),
    ).toEqual(domainMismatch);
    const siteOnly = { ...at(NOW), siteUrl: 'https://game.example.com', uriAllowList: [] };
    expect(
      await verifyWeb3Request(
        await signed({ domain: 'game.example.com', uri: 'https://game.example.com/login' }),
        siteOnly,
      ),
    ).toMatchObject({ kind: 'ok' });
    expect(
      await verifyWeb3Request(
        await signed({ domain: 'game.example.com:443', uri: 'https://game.example.com/login' }),
        siteOnly,
      ),
    ).toEqual(domainMismatch);
  });

  it('skips the domain check for localhost URIs (any port, http allowed)', async () => {
    const local = { ...at(NOW), siteUrl: 'http://localhost:3000', uriAllowList: [] };
    expect(
      await verifyWeb3Request(await signed({ domain: 'localhost:5173', uri: 'http://localhost:5173/' }), local),
    ).toMatchObject({ kind: 'ok' });
    expect(
      await verifyWeb3Request(await signed({ domain: 'app.example.com', uri: 'http://localhost:5173/' }), local),
    ).toMatchObject({ kind: 'ok' });
  });
});

describe('verifyWeb3Request: checks 11-14 (time window)', () => {
  it('check 11: Not Before in the future (exactly Not Before is fine)', async () => {
    const message = await signed({ notBefore: '2025-03-29T00:06:00Z' });
    expect(await verifyWeb3Request(message, at('2025-03-29T00:05:59.999Z'))).toEqual({
      kind: 'oauth',
      description: 'Signed Ethereum message becomes valid in the future',
    });
    expect(await verifyWeb3Request(message, at('2025-03-29T00:06:00Z'))).toMatchObject({ kind: 'ok' });
  });

  it('compares with nanosecond precision like Go', async () => {
    const message = await signed({ notBefore: '2025-03-29T00:06:00.0000001Z' });
    expect(await verifyWeb3Request(message, at('2025-03-29T00:06:00Z'))).toEqual({
      kind: 'oauth',
      description: 'Signed Ethereum message becomes valid in the future',
    });
    expect(await verifyWeb3Request(message, at('2025-03-29T00:06:00.001Z'))).toMatchObject({ kind: 'ok' });
  });

  it('check 12: Expiration Time counts only when Not Before is present too', async () => {
    const both = await signed({ expirationTime: '2025-03-29T00:04:00Z', notBefore: '2025-03-29T00:00:00Z' });
    expect(await verifyWeb3Request(both, at('2025-03-29T00:04:00Z'))).toMatchObject({ kind: 'ok' });
    expect(await verifyWeb3Request(both, at('2025-03-29T00:04:00.001Z'))).toEqual({
      kind: 'oauth',
      description: 'Signed Ethereum message is expired',
    });
    const expiryOnly = await signed({ expirationTime: '2025-03-29T00:04:00Z' });
    expect(await verifyWeb3Request(expiryOnly, at(NOW))).toMatchObject({ kind: 'ok' });
  });

  it('check 13: exactly Issued At + 10 minutes is accepted, a millisecond later is not', async () => {
    const message = await signed();
    expect(await verifyWeb3Request(message, at('2025-03-29T00:10:00Z'))).toMatchObject({ kind: 'ok' });
    expect(await verifyWeb3Request(message, at('2025-03-29T00:10:00.001Z'))).toEqual({
      kind: 'oauth',
      description: 'Ethereum message was issued too long ago',
    });
    expect(await verifyWeb3Request(message, { ...at('2025-03-29T00:01:00.001Z'), maxValidityMs: 60_000 })).toEqual({
      kind: 'oauth',
      description: 'Ethereum message was issued too long ago',
    });
  });

  it('check 14: up to 10 minutes in the future is accepted', async () => {
    const message = await signed();
    expect(await verifyWeb3Request(message, at('2025-03-28T23:50:00Z'))).toMatchObject({ kind: 'ok' });
    expect(await verifyWeb3Request(message, at('2025-03-28T23:49:59.999Z'))).toEqual({
      kind: 'oauth',
      description: 'Ethereum message was issued too far in the future',
    });
  });
});
