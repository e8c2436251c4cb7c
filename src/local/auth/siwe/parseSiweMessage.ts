/**
 * @module GoTrue's Sign-In-With-Ethereum parser (`internal/utilities/siwe/parser.go`): what it
 * accepts, what it ignores, and its exact `siwe: ...` error texts.
 */
import { ExitCode, SimError } from '../../../errors/index.ts';
import { quoteText } from '../wire/quoteText.ts';
import { trimSpace } from '../wire/trimSpace.ts';
import { ZERO_TIME_NANOS, parseSiweTimestamp, type SiweTimestamp } from '../wire/parseSiweTimestamp.ts';
import { parseRequestUri, toByteString, type AuthUrl } from '../wire/parseAuthUrl.ts';

/** A message GoTrue's parser rejects; `message` is GoTrue's text verbatim (`siwe: ...`). */
export class SiweParseError extends SimError {
  override readonly code: string = 'E_SIWE_PARSE';
  override readonly exitCode: ExitCode = ExitCode.usage;
  override name = 'SiweParseError';
}

/** A parsed EIP-4361 message with GoTrue's field semantics. */
export interface SiweMessage {
  /** the exact input (GoTrue hashes and verifies this, never a re-serialisation) */
  raw: string;
  domain: string;
  /** as written in the message (no checksum validation, no case change) */
  address: string;
  /** line 3 untrimmed, or null when the message has no statement */
  statement: string | null;
  uri: AuthUrl;
  version: string;
  /** the `Chain ID` value as written, '' when absent */
  chainId: string;
  /** the `Nonce` value, '' when absent; GoTrue never checks or stores it */
  nonce: string;
  issuedAt: SiweTimestamp;
  expirationTime: SiweTimestamp | null;
  notBefore: SiweTimestamp | null;
  requestId: string | null;
  resources: AuthUrl[];
}

const HEADER_SUFFIX = ' wants you to sign in with your Ethereum account:';
const DOMAIN = /^(localhost|(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,})(?::\d{1,5})?$/;
const ADDRESS = /^0x[a-fA-F0-9]{40}$/;
const INT64_MAX = 9223372036854775807n;

const fail = (text: string): never => {
  throw new SiweParseError(`siwe: ${text}`);
};

/** Go's `strconv.Atoi(value) > 0` on a 64-bit platform. */
function isValidEthereumNetwork(value: string): boolean {
  if (!/^[+-]?[0-9]+$/.test(value)) return false;
  const number = BigInt(value);
  return number > 0n && number <= INT64_MAX;
}

function timestamp(value: string, field: string): SiweTimestamp {
  return parseSiweTimestamp(value) ?? fail(`${field} is not a valid ISO8601 timestamp`);
}

/**
 * Parses a SIWE message exactly as GoTrue does (contract A1.1): lines split on `\n` only, the
 * header, address and blank third line checked first, an optional statement, then `Key: value`
 * lines in any order (unknown keys ignored, last duplicate wins), then the required fields.
 * Throws SiweParseError with GoTrue's message on the first problem.
 */
export function parseSiweMessage(raw: string): SiweMessage {
  const lines = raw.split('\n');
  if (lines.length < 6) fail('message needs at least 6 lines');
  const header = lines[0] ?? '';
  if (!header.endsWith(HEADER_SUFFIX)) fail(`message first line does not end in "${HEADER_SUFFIX}"`);
  const domain = trimSpace(header.slice(0, -HEADER_SUFFIX.length));
  if (!DOMAIN.test(domain)) fail('domain in first line of message is not valid');
  const address = trimSpace(lines[1] ?? '');
  if (!ADDRESS.test(address)) fail('wallet address is not a valid Ethereum address');
  if (lines[2] !== '') fail('third line must be empty');

  let statement: string | null = null;
  let start = 3;
  if (lines[3] !== '' && lines[4] === '') {
    statement = lines[3] ?? '';
    start = 5;
  }

  let uri: AuthUrl | undefined;
  let version = '';
  let chainId = '';
  let nonce = '';
  let issuedAt: SiweTimestamp | undefined;
  let expirationTime: SiweTimestamp | null = null;
  let notBefore: SiweTimestamp | null = null;
  let requestId: string | null = null;
  const resources: AuthUrl[] = [];

  let inResources = false;
  for (let index = start; index < lines.length; index++) {
    const line = trimSpace(lines[index] ?? '');
    if (inResources) {
      if (line.startsWith('- ')) {
        const resource = parseRequestUri(toByteString(trimSpace(line.slice(2))));
        if (!resource) fail(`Resource at position ${resources.length} has invalid URI`);
        resources.push(resource as AuthUrl);
        continue;
      }
      inResources = false;
    }
    if (line === 'Resources:') {
      inResources = true;
      continue;
    }
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon < 0) fail(`encountered unparsable line at index ${index}`);
    const key = line.slice(0, colon);
    const value = trimSpace(line.slice(colon + 1));
    switch (key) {
      case 'URI':
        uri = parseRequestUri(toByteString(value)) ?? fail('URI is not valid');
        break;
      case 'Version':
        version = value;
        break;
      case 'Chain ID':
        if (value === '' || !isValidEthereumNetwork(value)) fail('Chain ID is not valid');
        chainId = value;
        break;
      case 'Nonce':
        nonce = value;
        break;
      case 'Issued At': {
        const parsed = timestamp(value, 'Issued At');
        if (parsed.epochNanos === ZERO_TIME_NANOS) fail('Issued At is not specified');
        issuedAt = parsed;
        break;
      }
      case 'Expiration Time':
        expirationTime = timestamp(value, 'Expiration Time');
        break;
      case 'Not Before':
        notBefore = timestamp(value, 'Not Before');
        break;
      case 'Request ID':
        requestId = value;
        break;
    }
  }

  if (version !== '1') fail(`Version value is not supported, expected 1 got ${quoteText(version)}`);
  if (!issuedAt) return fail('Issued At is not specified');
  if (!uri) return fail('URI is not specified');
  if (expirationTime && issuedAt.epochNanos > expirationTime.epochNanos) fail('Issued At is after Expiration Time');
  if (notBefore && expirationTime && notBefore.epochNanos > expirationTime.epochNanos)
    fail('Not Before is after Expiration Time');

  return {
    raw,
    domain,
    address,
    statement,
    uri,
    version,
    chainId,
    nonce,
    issuedAt,
    expirationTime,
    notBefore,
    requestId,
    resources,
  };
}
