/**
 * @module The Ethereum checks of GoTrue's `POST /token?grant_type=web3` (contract A1, checks 3-14)
 * on an already-decoded body, in GoTrue's order: chain, sizes, SIWE parse, signature, URI scheme,
 * allow-list, domain, then the time window.
 */
import { recoverMessageAddress } from 'viem';
import { httpFailure, oauthFailure, type AuthFailure } from './AuthFailure.ts';
import { nanosOfDate } from './wire/parseSiweTimestamp.ts';
import { formatAuthUrl, fromByteString, authUrlHostname } from './wire/parseAuthUrl.ts';
import { isRedirectUrlValid } from './isRedirectUrlValid.ts';
import { parseSiweMessage, SiweParseError, type SiweMessage } from './siwe/parseSiweMessage.ts';

/** GoTrue's `Web3GrantParams` after JSON decoding (absent fields are ''). */
export interface Web3GrantParams {
  message: string;
  signature: string;
  chain: string;
}

export interface Web3VerifyOptions {
  now: Date;
  /** `GOTRUE_SITE_URL` */
  siteUrl: string;
  /** `GOTRUE_URI_ALLOW_LIST` entries (gobwas globs) */
  uriAllowList: readonly string[];
  /** `GOTRUE_EXTERNAL_WEB3_ETHEREUM_MAXIMUM_VALIDITY_DURATION` in ms, default 10 minutes */
  maxValidityMs?: number;
}

export type Web3Verification = { kind: 'ok'; address: string; message: SiweMessage } | AuthFailure;

const DEFAULT_MAX_VALIDITY_MS = 600_000;

/**
 * GoTrue's signature check: `hexutil.Decode` (a `0x`/`0X` prefix and 65 bytes of hex), v of
 * 27/28 reduced to 0/1, EIP-191 recovery over the exact message, case-insensitive address
 * comparison. Anything that cannot be decoded or recovered is a mismatch.
 */
async function signatureMatches(message: SiweMessage, signature: string): Promise<boolean> {
  if (!/^0[xX][0-9a-fA-F]{130}$/.test(signature)) return false;
  const hex = signature.slice(2).toLowerCase();
  // GoTrue's pure-Go recovery would also take v 4/5/31/32 (see report); 0/1/27/28 are what wallets send
  if (![0, 1, 27, 28].includes(parseInt(hex.slice(128), 16))) return false;
  try {
    const recovered = await recoverMessageAddress({ message: message.raw, signature: `0x${hex}` });
    return recovered.toLowerCase() === message.address.toLowerCase();
  } catch {
    // r or s out of range, or no curve point for r: Ecrecover fails, VerifySignature says false
    return false;
  }
}

/** Runs checks 3-14 of contract A1; the first failure wins. */
export async function verifyWeb3Request(
  params: Web3GrantParams,
  options: Web3VerifyOptions,
): Promise<Web3Verification> {
  if (params.chain === 'solana') return httpFailure(422, 'web3_provider_disabled', 'Solana Web3 provider is disabled');
  if (params.chain !== 'ethereum') return httpFailure(400, 'web3_unsupported_chain', 'Unsupported chain');

  const messageBytes = Buffer.byteLength(params.message, 'utf8');
  if (messageBytes < 64) return httpFailure(400, 'validation_failed', 'message is too short');
  if (messageBytes > 20 * 1024) return httpFailure(400, 'validation_failed', 'message must not exceed 20KB');
  const unprefixed = params.signature.startsWith('0x') ? params.signature.slice(2) : params.signature;
  if (Buffer.byteLength(unprefixed, 'utf8') !== 130) {
    return httpFailure(
      400,
      'validation_failed',
      'signature must be 65 bytes long, encoded as a 130 character-long hexadecimal string',
    );
  }

  let message: SiweMessage;
  try {
    message = parseSiweMessage(params.message);
  } catch (error) {
    if (error instanceof SiweParseError) return httpFailure(400, 'validation_failed', error.message);
    throw error;
  }

  if (!(await signatureMatches(message, params.signature)))
    return oauthFailure('Signature does not match address in message');

  const hostname = authUrlHostname(message.uri);
  if (message.uri.scheme !== 'https' && hostname !== 'localhost') {
    return oauthFailure('Signed Ethereum message is using URI which does not use HTTPS');
  }
  const policy = { siteUrl: options.siteUrl, uriAllowList: options.uriAllowList };
  if (!isRedirectUrlValid(fromByteString(formatAuthUrl(message.uri)), policy)) {
    return oauthFailure(
      'Signed Ethereum message is using URI which is not allowed on this server, message was signed for another app',
    );
  }
  if (
    hostname !== 'localhost' &&
    (message.uri.host !== message.domain || !isRedirectUrlValid(`https://${message.domain}/`, policy))
  ) {
    return oauthFailure(
      'Signed Ethereum message is using a Domain that does not match the one in URI which is not allowed on this server',
    );
  }

  const now = nanosOfDate(options.now);
  const { notBefore, expirationTime, issuedAt } = message;
  if (notBefore && now < notBefore.epochNanos)
    return oauthFailure('Signed Ethereum message becomes valid in the future');
  // GoTrue only enforces the expiration time when Not Before is present as well
  if (notBefore && expirationTime && now > expirationTime.epochNanos)
    return oauthFailure('Signed Ethereum message is expired');
  const maxValidity = BigInt(options.maxValidityMs ?? DEFAULT_MAX_VALIDITY_MS) * 1_000_000n;
  if (now > issuedAt.epochNanos + maxValidity) return oauthFailure('Ethereum message was issued too long ago');
  if (now < issuedAt.epochNanos - maxValidity) return oauthFailure('Ethereum message was issued too far in the future');

  return { kind: 'ok', address: message.address, message };
}
