/** @module HS256 access tokens of the local stack (jose), shared by the auth and REST layers. */
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';

export type JwtClaims = JWTPayload & { role?: string; [claim: string]: unknown };

/** Why a token was refused; each API maps it to its own status and text. */
export type JwtFailure =
  | 'empty'
  | 'segments'
  | 'malformed'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'iat_future';

export class JwtVerifyError extends Error {
  readonly failure: JwtFailure;
  /** number of dot-separated segments, for the `Expected 3 parts` message */
  readonly segments: number;
  constructor(failure: JwtFailure, segments: number, options?: ErrorOptions) {
    super(`JWT verification failed: ${failure}`, options);
    this.failure = failure;
    this.segments = segments;
  }
}

export interface JwtService {
  sign(claims: JwtClaims): Promise<string>;
  /**
   * Verifies signature (HS256 only: `alg: none` and others are refused) and the time claims
   * `exp`, `nbf`, `iat` with `skewSeconds` tolerance, at `now`.
   */
  verify(token: string, options: VerifyOptions): Promise<JwtClaims>;
}

export interface VerifyOptions {
  skewSeconds: number;
  now?: Date;
  /**
   * When a token stops being valid: `at` its `exp` plus the skew (golang-jwt, so GoTrue: expired once
   * `exp <= now - skew`, the default), or only `after` it (PostgREST's `Jwt.hs`: expired once `exp < now - skew`).
   */
  expiry?: 'at' | 'after';
}

/** how many verified tokens the service remembers (a load test reuses each player's token for many requests) */
const VERIFIED_CACHE_SIZE = 10_000;

/** jose's time-claim rules (`exp`, `nbf`, tolerance) and ours (`iat`), for a token whose signature was verified before */
function checkTimeClaims(payload: JwtClaims, now: Date, options: VerifyOptions, segments: number): void {
  const { skewSeconds } = options;
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const lastValid = nowSeconds - skewSeconds + (options.expiry === 'after' ? 0 : 1);
  if (typeof payload.exp === 'number' && payload.exp < lastValid) throw new JwtVerifyError('expired', segments);
  if (typeof payload.nbf === 'number' && payload.nbf > nowSeconds + skewSeconds)
    throw new JwtVerifyError('not_yet_valid', segments);
  if (typeof payload.iat === 'number' && payload.iat > now.getTime() / 1000 + skewSeconds)
    throw new JwtVerifyError('iat_future', segments);
}

/**
 * Creates the JWT service for one secret (raw bytes of the string, like GoTrue and PostgREST).
 * Verified tokens are remembered by their exact text (signature included, so a forged or altered
 * token never matches): a repeat skips the HMAC but has its time claims checked again at `now`.
 */
export async function createJwtService(secret: string): Promise<JwtService> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
  const verified = new Map<string, JwtClaims>();
  return {
    async sign(claims) {
      return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key);
    },
    async verify(token, options) {
      const now = options.now ?? new Date();
      if (token === '') throw new JwtVerifyError('empty', 0);
      const segments = token.split('.').length;
      if (segments !== 3) throw new JwtVerifyError('segments', segments);
      const known = verified.get(token);
      if (known) {
        checkTimeClaims(known, now, options, segments);
        return { ...known };
      }
      let payload: JwtClaims;
      try {
        ({ payload } = await jwtVerify<JwtClaims>(token, key, {
          algorithms: ['HS256'],
          // one second more for `after`: jose expires at `exp`; checkTimeClaims below applies the exact rules
          clockTolerance: options.skewSeconds + (options.expiry === 'after' ? 1 : 0),
          currentDate: now,
        }));
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw new JwtVerifyError('expired', segments, { cause: error });
        if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') {
          throw new JwtVerifyError('not_yet_valid', segments, { cause: error });
        }
        if (error instanceof errors.JWSSignatureVerificationFailed)
          throw new JwtVerifyError('bad_signature', segments, { cause: error });
        throw new JwtVerifyError('malformed', segments, { cause: error });
      }
      // exp, nbf and iat by our rules (jose's tolerance may be a second looser)
      checkTimeClaims(payload, now, options, segments);
      if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
      verified.set(token, payload);
      return { ...payload };
    },
  };
}
