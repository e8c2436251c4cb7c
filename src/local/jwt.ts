/** @module HS256 access tokens of the local stack (jose), shared by the auth and REST layers. */
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';

export type JwtClaims = JWTPayload & { role?: string; [claim: string]: unknown };

/** Why a token was refused; each API maps it to its own status and text. */
export type JwtFailure = 'empty' | 'segments' | 'malformed' | 'bad_signature' | 'expired' | 'not_yet_valid' | 'iat_future';

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
  verify(token: string, options: { skewSeconds: number; now?: Date }): Promise<JwtClaims>;
}

/** Creates the JWT service for one secret (raw bytes of the string, like GoTrue and PostgREST). */
export async function createJwtService(secret: string): Promise<JwtService> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
  return {
    async sign(claims) {
      return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key);
    },
    async verify(token, { skewSeconds, now = new Date() }) {
      if (token === '') throw new JwtVerifyError('empty', 0);
      const segments = token.split('.').length;
      if (segments !== 3) throw new JwtVerifyError('segments', segments);
      let payload: JwtClaims;
      try {
        ({ payload } = await jwtVerify<JwtClaims>(token, key, {
          algorithms: ['HS256'],
          clockTolerance: skewSeconds,
          currentDate: now,
        }));
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw new JwtVerifyError('expired', segments, { cause: error });
        if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') {
          throw new JwtVerifyError('not_yet_valid', segments, { cause: error });
        }
        if (error instanceof errors.JWSSignatureVerificationFailed) throw new JwtVerifyError('bad_signature', segments, { cause: error });
        throw new JwtVerifyError('malformed', segments, { cause: error });
      }
      if (typeof payload.iat === 'number' && payload.iat > now.getTime() / 1000 + skewSeconds) {
        throw new JwtVerifyError('iat_future', segments);
      }
      return payload;
    },
  };
}
