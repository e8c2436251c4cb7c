/** @module GoTrue's access token (contract A5): HS256, claims in GoTrue's order, AMR from `auth.mfa_amr_claims`. */
import type { Queryable } from '../db/Db.ts';
import type { AuthContext } from './AuthContext.ts';
import type { UserRecord } from './loadUser.ts';

export interface SignedAccessToken {
  token: string;
  /** unix seconds */
  expiresAt: number;
}

/** Signs an access token for `user` in `sessionId`, issued at `now`. */
export async function signAccessToken(
  context: AuthContext,
  tx: Queryable,
  user: UserRecord,
  sessionId: string,
  now: Date,
): Promise<SignedAccessToken> {
  const claims = await tx.query<{ method: string; timestamp: number }>(
    `select authentication_method as method, floor(extract(epoch from updated_at))::float8 as timestamp
       from auth.mfa_amr_claims where session_id = $1::uuid`,
    [sessionId],
  );
  const amr = claims.map(({ method, timestamp }) => ({ method, timestamp })).sort((a, b) => b.timestamp - a.timestamp);
  const aal = claims.some(({ method }) => method === 'totp') ? 'aal2' : 'aal1';
  const iat = Math.floor(now.getTime() / 1000);
  const expiresAt = iat + context.options.accessTokenTtlSeconds;
  const token = await context.jwt.sign({
    ...(context.options.issuer ? { iss: context.options.issuer } : {}),
    sub: user.id,
    aud: user.aud,
    exp: expiresAt,
    iat,
    email: user.email,
    phone: user.phone,
    app_metadata: user.appMetadata,
    user_metadata: user.userMetadata,
    role: user.role,
    aal,
    ...(amr.length > 0 ? { amr } : {}),
    session_id: sessionId,
    is_anonymous: user.isAnonymous,
  });
  return { token, expiresAt };
}
