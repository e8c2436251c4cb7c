/**
 * @module Who a REST request runs as (PostgREST `Auth.hs`, contract B2): the Bearer token (or the
 * gateway-copied apikey) mapped to a role, its JWT claims, and PostgREST's 401s when it fails.
 */
import { errors as joseErrors } from 'jose';
import { header, type LocalRequest } from '../http/types.ts';
import { JwtVerifyError, type JwtClaims, type JwtService } from '../jwt.ts';
import type { ApiKeys } from '../keys.ts';
import { mapDbError } from './mapDbError.ts';
import { RestError } from './RestError.ts';

/** The anonymous role (`db-anon-role` on Supabase). */
const ANON_ROLE = 'anon';

export interface RequestAuth {
  role: string;
  /** claims as exposed in `request.jwt.claims`, `role` overwritten by the resolved role */
  claims: Record<string, unknown>;
  /** PostgREST's "authenticated": the role differs from the anonymous role (decides 401 vs 403) */
  authenticated: boolean;
}

/** 401 with `WWW-Authenticate: Bearer error="invalid_token", ...` as PostgREST v13+/v14 answers JWT failures. */
function jwtError(code: 'PGRST301' | 'PGRST303', message: string, details: string | null = null): RestError {
  return new RestError(
    401,
    { code, message, details },
    { 'www-authenticate': `Bearer error="invalid_token", error_description=${JSON.stringify(message)}` },
  );
}

function claimValidationMessage(cause: unknown): string | undefined {
  if (!(cause instanceof joseErrors.JWTClaimValidationFailed) || cause.reason !== 'invalid') return undefined;
  if (cause.claim === 'exp' || cause.claim === 'nbf' || cause.claim === 'iat')
    return `The JWT '${cause.claim}' claim must be a number`;
  return undefined;
}

function toRestError(error: JwtVerifyError): RestError {
  switch (error.failure) {
    case 'empty':
      return jwtError('PGRST301', 'Empty JWT is sent in Authorization header');
    case 'segments':
      return jwtError('PGRST301', `Expected 3 parts in JWT; got ${error.segments}`);
    case 'bad_signature':
      return jwtError('PGRST301', 'No suitable key or wrong key type', 'None of the keys was able to decode the JWT');
    case 'expired':
      return jwtError('PGRST303', 'JWT expired');
    case 'not_yet_valid':
      return jwtError('PGRST303', 'JWT not yet valid');
    case 'iat_future':
      return jwtError('PGRST303', 'JWT issued at future');
    case 'malformed': {
      const claimMessage = claimValidationMessage(error.cause);
      if (claimMessage) return jwtError('PGRST303', claimMessage);
      if (error.cause instanceof joseErrors.JOSEAlgNotAllowed || error.cause instanceof joseErrors.JOSENotSupported) {
        return jwtError('PGRST301', 'Wrong or unsupported encoding algorithm');
      }
      return jwtError('PGRST301', 'JWT cryptographic operation failed');
    }
  }
}

/** The token PostgREST would see: `Authorization: Bearer <t>`, else the apikey the gateway copies. */
function requestToken(request: LocalRequest): string | undefined {
  const authorization = header(request, 'authorization');
  if (authorization !== undefined) {
    const match = /^bearer(?:\s+(.*))?$/is.exec(authorization.trim());
    // a non-Bearer scheme carries no JWT: PostgREST treats the request as anonymous
    return match ? (match[1] ?? '').trim() : undefined;
  }
  return header(request, 'apikey');
}

/**
 * Resolves the request's role and claims. Opaque `sb_publishable_`/`sb_secret_` keys map to
 * anon/service_role; anything else must be a valid HS256 JWT (30 s skew) whose `role` claim (absent
 * → anon) is one `authenticator` may switch to. Throws the 401 RestError PostgREST would send.
 */
export async function resolveAuth(
  request: LocalRequest,
  deps: {
    jwt: JwtService;
    keys: ApiKeys;
    switchableRoles: ReadonlySet<string>;
    roleExists: (role: string) => Promise<boolean>;
    now?: Date;
  },
): Promise<RequestAuth> {
  const token = requestToken(request);
  let claims: JwtClaims;
  if (token === undefined) claims = {};
  else if (token === deps.keys.publishableKey) claims = { role: 'anon' };
  else if (token === deps.keys.secretKey) claims = { role: 'service_role' };
  else {
    try {
      claims = await deps.jwt.verify(token, {
        skewSeconds: 30,
        expiry: 'after',
        ...(deps.now ? { now: deps.now } : {}),
      });
    } catch (error) {
      if (error instanceof JwtVerifyError) throw toRestError(error);
      throw error;
    }
  }
  const claimed: unknown = claims.role;
  const role = claimed === undefined ? ANON_ROLE : typeof claimed === 'string' ? claimed : JSON.stringify(claimed);
  const authenticated = role !== ANON_ROLE;
  if (!deps.switchableRoles.has(role)) {
    // what PostgreSQL answers when `authenticator` cannot `SET ROLE`, mapped as PostgREST maps it:
    // 22023 → 401, 42501 → 403 for a role other than anon (401 for anon), the challenge only with 401
    const error = (await deps.roleExists(role))
      ? { code: '42501', message: `permission denied to set role "${role}"` }
      : { code: '22023', message: `role "${role}" does not exist` };
    throw mapDbError(error, authenticated);
  }
  return { role, claims: { ...claims, role }, authenticated };
}
