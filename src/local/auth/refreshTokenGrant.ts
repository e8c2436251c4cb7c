/**
 * @module `POST /token?grant_type=refresh_token` with legacy tokens (contract A7): rotation with
 * `parent`, the active-token answer for a client that lost the last response, the 10 s reuse
 * interval, and family revocation on reuse after it.
 */
import type { LocalRequest, LocalResponse } from '../http/types.ts';
import { NIL_UUID, REFRESH_TOKEN_REUSE_INTERVAL_MS, type AuthContext } from './AuthContext.ts';
import { AuthRequestError, httpFailure, type AuthFailure } from './AuthFailure.ts';
import { generateRefreshToken } from './generateRefreshToken.ts';
import { parseUuid } from './wire/parseUuid.ts';
import { insertAuditLogEntry } from './insertAuditLogEntry.ts';
import { sessionClientInfo } from './issueSession.ts';
import { loadIdentities, loadUser } from './loadUser.ts';
import { signAccessToken } from './signAccessToken.ts';
import { tokenResponse } from './tokenResponse.ts';
import { readBodyFields } from './wire/readBodyFields.ts';

interface TokenRow {
  id: string;
  token: string;
  user_id: string | null;
  revoked: boolean | null;
  session_id: string | null;
  updated_at_ms: number | null;
}

const fail = (status: number, code: string, message: string) =>
  new AuthRequestError(httpFailure(status, code, message));

/** Handles one refresh; failures are thrown as AuthRequestError (some after committing, like GoTrue's CommitWithError). */
export async function refreshTokenGrant(context: AuthContext, request: LocalRequest): Promise<LocalResponse> {
  const decoded = readBodyFields(request.body, ['refresh_token']);
  if (!decoded.ok) throw fail(400, 'bad_json', `Could not parse request body as JSON: ${decoded.error}`);
  const presented = decoded.values.refresh_token;
  // legacy tokens are exactly 12 characters; longer (v2) tokens are never issued here
  if (!/^[a-z0-9]{12}$/.test(presented)) throw fail(400, 'validation_failed', 'Refresh token is not valid');

  const now = context.now();
  const at = now.toISOString();
  const outcome = await context.db.transaction(
    async (tx): Promise<{ failure: AuthFailure } | { response: LocalResponse }> => {
      const [token] = await tx.query<TokenRow>(
        `select id::text, token, user_id, revoked, session_id::text, (extract(epoch from updated_at) * 1000)::float8 as updated_at_ms
         from auth.refresh_tokens where token = $1 for update`,
        [presented],
      );
      const notFound = fail(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
      if (!token) throw notFound;
      const userId = parseUuid(token.user_id ?? '');
      const user = userId ? await loadUser(tx, userId) : undefined;
      if (!user) throw notFound;
      if (user.bannedUntilMs !== null && user.bannedUntilMs > now.getTime())
        throw fail(400, 'user_banned', 'Invalid Refresh Token: User Banned');

      const [session] = token.session_id
        ? await tx.query<{ id: string; not_after_ms: number | null }>(
            `select id::text, (extract(epoch from not_after) * 1000)::float8 as not_after_ms from auth.sessions where id = $1::uuid for update`,
            [token.session_id],
          )
        : [];
      if (!session) {
        // a token without a session predates sessions: GoTrue deletes it
        await tx.query(`delete from auth.refresh_tokens where id = $1::bigint`, [token.id]);
        return { failure: httpFailure(400, 'session_not_found', 'Invalid Refresh Token: No Valid Session Found') };
      }
      if (session.not_after_ms !== null && now.getTime() > session.not_after_ms)
        throw fail(400, 'session_expired', 'Invalid Refresh Token: Session Expired');

      let issued: string | undefined;
      if (token.revoked) {
        const [active] = await tx.query<{ token: string; parent: string | null }>(
          `select token, parent from auth.refresh_tokens where session_id = $1::uuid and revoked is false order by id desc limit 1`,
          [session.id],
        );
        if (active && active.parent === token.token) {
          // the client lost the response of its last refresh: hand out the active token again
          issued = active.token;
        } else if (now.getTime() > (token.updated_at_ms ?? 0) + REFRESH_TOKEN_REUSE_INTERVAL_MS) {
          await tx.query(
            `update auth.refresh_tokens set revoked = true, updated_at = $2::timestamptz where session_id = $1::uuid and revoked = false`,
            [session.id, at],
          );
          return { failure: httpFailure(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used') };
        }
      }

      await insertAuditLogEntry(tx, { actor: user, action: 'token_refreshed', now });
      if (issued === undefined) {
        await insertAuditLogEntry(tx, { actor: user, action: 'token_revoked', now });
        await tx.query(
          `update auth.refresh_tokens set revoked = true, updated_at = $2::timestamptz where id = $1::bigint`,
          [token.id, at],
        );
        issued = generateRefreshToken();
        await tx.query(
          `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
         values ($1::uuid, $2, $3, false, $4::timestamptz, $4::timestamptz, $5, $6::uuid)`,
          [NIL_UUID, issued, user.id, at, token.token, session.id],
        );
        // GoTrue's createRefreshToken re-saves last_sign_in_at (unchanged), which touches updated_at
        await tx.query(`update auth.users set updated_at = $2::timestamptz where id = $1::uuid`, [user.id, at]);
      }

      const current = (await loadUser(tx, user.id)) ?? user;
      const { token: accessToken, expiresAt } = await signAccessToken(context, tx, current, session.id, now);
      const { userAgent, ip } = sessionClientInfo(request);
      await tx.query(
        `update auth.sessions set refreshed_at = ($2::timestamptz at time zone 'UTC'), user_agent = $3, ip = $4::inet, updated_at = $2::timestamptz where id = $1::uuid`,
        [session.id, at, userAgent, ip],
      );
      return {
        response: tokenResponse({
          accessToken,
          expiresAt,
          expiresIn: context.options.accessTokenTtlSeconds,
          refreshToken: issued,
          sessionId: session.id,
          user: current,
          identities: await loadIdentities(tx, user.id),
        }),
      };
    },
  );
  if ('failure' in outcome) throw new AuthRequestError(outcome.failure);
  return outcome.response;
}
