/**
 * @module The SIWE (EIP-4361) text the legacy worker signs for Supabase web3 sign-in, kept
 * byte-for-byte (lower-case address, fixed statement) so both clients sign the same message.
 */

/** What varies between sign-ins. */
export interface SiweMessageParams {
  /** RFC 3986 authority requesting the sign-in, e.g. `o.finality.dev` */
  domain: string;
  /** the signing wallet; written lower-case like the legacy worker */
  address: string;
  uri: string;
  chainId: number;
  /** 32 hex characters from `randomNonce()` */
  nonce: string;
  issuedAt: Date;
}

/** The legacy worker's statement line. */
const STATEMENT = 'Sign in to Entropy Network.';

/** Builds the legacy worker's SIWE message (lines joined by `\n`, no trailing newline). */
export function createSiweMessage({ domain, address, uri, chainId, nonce, issuedAt }: SiweMessageParams): string {
  return [
    `${domain} wants you to sign in with your Ethereum account:`,
    address.toLowerCase(),
    '',
    STATEMENT,
    '',
    `URI: ${uri}`,
    'Version: 1',
    `Chain ID: ${chainId}`,
    `Nonce: ${nonce}`,
    `Issued At: ${issuedAt.toISOString()}`,
  ].join('\n');
}
