/** @module `rocket-sim self-test` (legacy SIM_SELF_TEST=true): offline checks of keys, signing, encryption and configuration. */
import { randomBytes } from 'node:crypto';
import { keccak256, recoverMessageAddress, stringToHex } from 'viem';
import { loadSimConfig } from '../../config/index.ts';
import { ExitCode, SimError } from '../../errors/index.ts';
import { createSiweMessage } from '../../auth/createSiweMessage.ts';
import { createLogger } from '../../log/index.ts';
import { accountFor, decryptPrivateKey, encryptPrivateKey } from '../../wallets/index.ts';
import type { Command } from '../command.ts';

/** Private key 1 and its well-known address; keccak256 of the empty string. */
const VECTOR_KEY = '0x0000000000000000000000000000000000000000000000000000000000000001';
const VECTOR_ADDRESS = '0x7e5f4552091a69125d5dfcb7b8c2659029395bdf';
const KECCAK_EMPTY = '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470';

class SelfTestError extends SimError {
  override readonly code: string = 'E_SELF_TEST';
}

/** Runs every check; resolves with their names, throws SelfTestError naming the first that failed. */
async function selfTest(): Promise<string[]> {
  const config = loadSimConfig();
  const passed: string[] = ['configuration'];
  const check = (name: string, ok: boolean) => {
    if (!ok) throw new SelfTestError(`self-test failed: ${name}`);
    passed.push(name);
  };
  check('keccak256', keccak256(stringToHex('')) === KECCAK_EMPTY);
  const account = accountFor(VECTOR_KEY);
  check('key derivation', account.address.toLowerCase() === VECTOR_ADDRESS);
  const message = createSiweMessage({
    domain: config.siwe.domain,
    address: account.address,
    uri: config.siwe.uri,
    chainId: config.siwe.chainId,
    nonce: '0'.repeat(32),
    issuedAt: new Date(0),
  });
  const signature = await account.signMessage({ message });
  check('siwe signature', (await recoverMessageAddress({ message, signature })).toLowerCase() === VECTOR_ADDRESS);
  const key = config.wallets.encryptionKey ?? randomBytes(32);
  const row = { wallet_address: VECTOR_ADDRESS, ...encryptPrivateKey(VECTOR_KEY, key, config.wallets.kid) };
  check('encryption round trip', decryptPrivateKey(row, new Map([[config.wallets.kid, key]])) === VECTOR_KEY);
  return passed;
}

export const selfTestCommand: Command = {
  name: 'self-test',
  summary: 'Offline self-test: key derivation, SIWE signing, pool encryption, configuration (legacy SIM_SELF_TEST)',
  usage: 'rocket-sim self-test\n\nSends nothing over the network. Prints {"event":"self_test_ok",...} and exits 0.',
  options: {},
  async run() {
    const checks = await selfTest();
    createLogger().info({ event: 'self_test_ok', checks });
    return ExitCode.ok;
  },
};
