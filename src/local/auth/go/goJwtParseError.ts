/**
 * @module The structural part of golang-jwt v5 `ParseWithClaims` as GoTrue calls it (HS256 only):
 * segment count, base64url and JSON decoding of header and claims, `alg` checks. GoTrue puts
 * these texts after `invalid JWT: unable to parse or verify signature, `.
 */
import { decodeUtf8Go } from './decodeUtf8Go.ts';
import { scanGoJson } from './scanGoJson.ts';

const KNOWN_METHODS = new Set([
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'none',
]);

/** `base64.RawURLEncoding.DecodeString` (non-strict): the bytes, or Go's CorruptInputError text. */
function decodeSegment(segment: string): { bytes: Buffer } | { error: string } {
  let inQuantum = 0;
  for (let index = 0; index < segment.length; index++) {
    const char = segment[index] ?? '';
    if (char === '\n' || char === '\r') continue;
    if (!/[A-Za-z0-9_-]/.test(char)) return { error: `illegal base64 data at input byte ${index}` };
    inQuantum = (inQuantum + 1) % 4;
  }
  if (inQuantum === 1) return { error: `illegal base64 data at input byte ${segment.length - 1}` };
  return { bytes: Buffer.from(segment.replace(/[\r\n]/g, ''), 'base64url') };
}

const jsonKind = (value: unknown) =>
  Array.isArray(value) ? 'array' : typeof value === 'boolean' ? 'bool' : typeof value;

/** Go types of the AccessTokenClaims fields whose JSON kind is easy to get wrong. */
const CLAIM_TYPES: Record<string, { goType: string; accepts: (value: unknown) => boolean }> = {
  ...Object.fromEntries(
    ['iss', 'sub', 'jti', 'email', 'phone', 'role', 'aal', 'session_id', 'client_id', 'scope'].map((name) => [
      name,
      { goType: 'string', accepts: (value: unknown) => typeof value === 'string' },
    ]),
  ),
  is_anonymous: { goType: 'bool', accepts: (value) => typeof value === 'boolean' },
  app_metadata: {
    goType: 'map[string]interface {}',
    accepts: (value) => typeof value === 'object' && !Array.isArray(value),
  },
  user_metadata: {
    goType: 'map[string]interface {}',
    accepts: (value) => typeof value === 'object' && !Array.isArray(value),
  },
};

/** The first UnmarshalTypeError (document order) decoding the claims into GoTrue's struct. */
function claimFieldTypeError(claims: Record<string, unknown> | null): string | undefined {
  for (const [name, value] of Object.entries(claims ?? {})) {
    const type = CLAIM_TYPES[name];
    if (!type || value === null || type.accepts(value)) continue;
    return `json: cannot unmarshal ${jsonKind(value)} into Go struct field AccessTokenClaims.${name} of type ${type.goType}`;
  }
  return undefined;
}

type Decoded = { value: unknown } | { error: string };

/** `json.NewDecoder(bytes).Decode(&target)` into a map or struct named `typeName`. */
function decodeJson(bytes: Buffer, typeName: string): Decoded {
  const scanned = scanGoJson(bytes, 'stream');
  if (scanned.error) return { error: scanned.error };
  const value: unknown = JSON.parse(decodeUtf8Go(bytes.subarray(0, scanned.end)));
  if (value !== null && (typeof value !== 'object' || Array.isArray(value))) {
    return { error: `json: cannot unmarshal ${jsonKind(value)} into Go value of type ${typeName}` };
  }
  return { value };
}

/**
 * What golang-jwt reports before any signature or time check, or undefined when the token is
 * structurally an HS256 JWT. Claim types beyond the JSON kind are not checked here.
 */
export function goJwtParseError(token: string): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return 'token is malformed: token contains an invalid number of segments';
  const [headerSegment = '', claimsSegment = '', signatureSegment = ''] = parts;

  const headerBytes = decodeSegment(headerSegment);
  if ('error' in headerBytes) return `token is malformed: could not base64 decode header: ${headerBytes.error}`;
  const header = decodeJson(headerBytes.bytes, 'map[string]interface {}');
  if ('error' in header) return `token is malformed: could not JSON decode header: ${header.error}`;

  const claimsBytes = decodeSegment(claimsSegment);
  if ('error' in claimsBytes) return `token is malformed: could not base64 decode claim: ${claimsBytes.error}`;
  const claims = decodeJson(claimsBytes.bytes, 'api.AccessTokenClaims');
  if ('error' in claims) return `token is malformed: could not JSON decode claim: ${claims.error}`;
  const claimTypeError = claimFieldTypeError(claims.value as Record<string, unknown> | null);
  if (claimTypeError) return `token is malformed: could not JSON decode claim: ${claimTypeError}`;

  const alg = (header.value as Record<string, unknown> | null)?.alg;
  if (typeof alg !== 'string') return 'token is unverifiable: signing method (alg) is unspecified';
  if (!KNOWN_METHODS.has(alg)) return 'token is unverifiable: signing method (alg) is unavailable';
  if (alg !== 'HS256') return `token signature is invalid: signing method ${alg} is invalid`;

  const signature = decodeSegment(signatureSegment);
  if ('error' in signature) return `token is malformed: could not base64 decode signature: ${signature.error}`;
  return undefined;
}
