/**
 * @module GoTrue's `IssueRefreshToken` with legacy (algorithm version 0) tokens: a new session,
 * its first refresh token, `last_sign_in_at`, the AMR claim, and an access token.
 */
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { Queryable } from '../db/Db.ts';
import { header, type LocalRequest } from '../http/types.ts';
import { NIL_UUID, type AuthContext } from './AuthContext.ts';
import { generateRefreshToken } from './generateRefreshToken.ts';
import { loadUser, type UserRecord } from './loadUser.ts';
import { signAccessToken } from './signAccessToken.ts';

export interface IssuedSession {
  sessionId: string;
  refreshToken: string;
  accessToken: string;
  expiresAt: number;
  /** the user as stored after the sign-in (triggers included) */
  user: UserRecord;
}

/** The session columns GoTrue fills from the request: User-Agent (NULL if absent) and client IP (NULL if not an IP). */
export function sessionClientInfo(request: LocalRequest): { userAgent: string | null; ip: string | null } {
  return { userAgent: header(request, 'user-agent') || null, ip: isIP(request.ip) ? request.ip : null };
}

/** Creates session, refresh token and AMR claim for a signed-in user, then signs the access token. */
export async function issueSession(
  context: AuthContext,
  tx: Queryable,
  input: { userId: string; request: LocalRequest; method: string; now: Date },
): Promise<IssuedSession> {
  const { userId, request, method, now } = input;
  const at = now.toISOString();
  const sessionId = randomUUID();
  const refreshToken = generateRefreshToken();
  const { userAgent, ip } = sessionClientInfo(request);
  await tx.query(
    `insert into auth.sessions (id, user_id, created_at, updated_at, factor_id, aal, not_after, user_agent, ip)
     values ($1::uuid, $2::uuid, $3::timestamptz, $3::timestamptz, null, 'aal1', null, $4, $5::inet)`,
    [sessionId, userId, at, userAgent, ip],
  );
  await tx.query(
    `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
     values ($1::uuid, $2, $3, false, $4::timestamptz, $4::timestamptz, null, $5::uuid)`,
    [NIL_UUID, refreshToken, userId, at, sessionId],
  );
  await tx.query(
    `update auth.users set last_sign_in_at = $2::timestamptz, updated_at = $2::timestamptz where id = $1::uuid`,
    [userId, at],
  );
  await tx.query(
    `insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method)
     values ($1::uuid, $2::uuid, $3::timestamptz, $3::timestamptz, $4)
     on conflict on constraint mfa_amr_claims_session_id_authentication_method_pkey do update set updated_at = excluded.updated_at`,
    [randomUUID(), sessionId, at, method],
  );
  const user = await loadUser(tx, userId);
  if (!user) throw new Error(`auth.users row ${userId} vanished inside its own transaction`);
  const { token, expiresAt } = await signAccessToken(context, tx, user, sessionId, now);
  return { sessionId, refreshToken, accessToken: token, expiresAt, user };
}
