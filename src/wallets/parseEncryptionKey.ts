/** @module Parses managed-wallet encryption keys: 64 hex characters (optional 0x) or base64 of 32 bytes. */
import { ConfigError } from '../errors/index.ts';

const HEX_KEY = /^(0x)?[0-9a-fA-F]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$|^[A-Za-z0-9_-]+$/;

/**
 * Decodes a 32-byte AES-256 key written as 64 hex characters (optionally `0x`-prefixed) or as
 * base64 (standard or URL-safe). The error names the variable and what is wrong, never the value.
 */
export function parseEncryptionKey(raw: string, variable = 'SIM_MANAGED_WALLETS_ENCRYPTION_KEY'): Buffer {
  const text = raw.trim();
  if (text === '') throw new ConfigError(variable, 'is empty; expected 64 hex characters or base64 of 32 bytes');
  if (HEX_KEY.test(text)) return Buffer.from(text.replace(/^0x/, ''), 'hex');
  if (/^(0x)?[0-9a-fA-F]+$/.test(text) && text.replace(/^0x/, '').length !== 44) {
    throw new ConfigError(variable, `has ${text.replace(/^0x/, '').length} hex characters; expected 64 (32 bytes)`);
  }
  if (!BASE64.test(text)) {
    throw new ConfigError(variable, 'is neither hex nor base64; expected 64 hex characters or base64 of 32 bytes');
  }
  const bytes = Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64');
  if (bytes.length !== 32) {
    throw new ConfigError(
      variable,
      `decodes to ${bytes.length} bytes; expected 32 (64 hex characters or base64 of 32 bytes)`,
    );
  }
  return bytes;
}
