/** @module `GET /user` and `POST /logout` of the emulated GoTrue (contract A7). */
import { header, type LocalRequest, type LocalResponse } from '../http/types.ts';
import { DEFAULT_AUDIENCE, type AuthContext } from './AuthContext.ts';
import { AuthRequestError, httpFailure } from './AuthFailure.ts';
import { authenticateRequest } from './authenticateRequest.ts';
import { goJsonResponse } from './authErrorResponse.ts';
import { quoteText } from './wire/quoteText.ts';
import { insertAuditLogEntry } from './insertAuditLogEntry.ts';
import { loadIdentities, userJson } from './loadUser.ts';

const audiences = (aud: unknown): string[] =>
  typeof aud === 'string'
    ? [aud]
    : Array.isArray(aud)
      ? aud.filter((item): item is string => typeof item === 'string')
      : [];

/** `GET /user`: the authenticated user, freshly loaded, if the token audience matches the request's. */
export async function getUser(context: AuthContext, request: LocalRequest): Promise<LocalResponse> {
  const { claims, user } = await authenticateRequest(context, request, context.now());
  const tokenAudiences = audiences(claims.aud);
  const requestAudience = header(request, 'x-jwt-aud') || tokenAudiences[0] || DEFAULT_AUDIENCE;
  if (tokenAudiences.length === 0 || requestAudience !== tokenAudiences[0]) {
    throw new AuthRequestError(httpFailure(400, 'validation_failed', "Token audience doesn't match request audience"));
  }
  return goJsonResponse(200, userJson(user, await loadIdentities(context.db, user.id)));
}

/**
 * `POST /logout?scope=global|local|others`: deletes sessions (their refresh tokens and AMR
 * claims go with them by cascade) and answers 204. Without a session claim it is always global.
 */
export async function logout(context: AuthContext, request: LocalRequest): Promise<LocalResponse> {
  const now = context.now();
  const { user, sessionId } = await authenticateRequest(context, request, now);
  const scope = request.query.get('scope') ?? '';
  if (!['', 'global', 'local', 'others'].includes(scope)) {
    throw new AuthRequestError(httpFailure(400, 'validation_failed', `Unsupported logout scope ${quoteText(scope)}`));
  }
  try {
    await context.db.transaction(async (tx) => {
      await insertAuditLogEntry(tx, { actor: user, action: 'logout', now });
      if (sessionId !== null && scope === 'local')
        await tx.query(`delete from auth.sessions where id = $1::uuid`, [sessionId]);
      else if (sessionId !== null && scope === 'others') {
        await tx.query(`delete from auth.sessions where id != $1::uuid and user_id = $2::uuid`, [sessionId, user.id]);
      } else await tx.query(`delete from auth.sessions where user_id = $1::uuid`, [user.id]);
    });
  } catch (error) {
    throw new AuthRequestError(httpFailure(500, 'unexpected_failure', 'Error logging out user'), { cause: error });
  }
  return { status: 204 };
}
