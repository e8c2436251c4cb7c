/**
 * @module GoTrue's `requireAuthentication` middleware (contract A7): Bearer token, JWT checks (403
 * `bad_jwt`, with golang-jwt's texts for a bad signature, a wrong segment count and the time claims),
 * then the user and session the claims name.
 */
import { decodeJwt } from 'jose';
import { header, type LocalRequest } from '../http/types.ts';
import { JwtVerifyError, type JwtClaims } from '../jwt.ts';
import { NIL_UUID, type AuthContext } from './AuthContext.ts';
import { AuthRequestError, httpFailure } from './AuthFailure.ts';
import { claimTypeError } from './wire/claimTypeError.ts';
import { parseUuid } from './wire/parseUuid.ts';
import { loadUser, type UserRecord } from './loadUser.ts';

export interface Authenticated {
  claims: JwtClaims;
  user: UserRecord;
  /** the `session_id` claim's session, or null when the token names none */
  sessionId: string | null;
}

// GoTrue's bearerRegexp `(?i)^bearer (\S+$)` (case-insensitive since v2.190); RE2's \S excludes only ASCII white space
const BEARER = /^bearer ([^\t\n\f\r ]+)$/i;

const badJwt = (detail: string) =>
  new AuthRequestError(httpFailure(403, 'bad_jwt', `invalid JWT: unable to parse or verify signature, ${detail}`));

/** golang-jwt's claim validation message for a token whose signature checked out. */
function invalidClaimsText(token: string, now: Date): string {
  const { exp, nbf } = decodeJwt(token);
  const problems: string[] = [];
  if (typeof exp === 'number' && !(now.getTime() < exp * 1000)) problems.push('token is expired');
  if (typeof nbf === 'number' && now.getTime() < nbf * 1000) problems.push('token is not valid yet');
  return `token has invalid claims: ${problems.join(', ')}`;
}

/** The verified claims; a malformed token's detail is golang-jwt's category, not its exact text. */
async function verifiedClaims(context: AuthContext, token: string, now: Date): Promise<JwtClaims> {
  let claims: JwtClaims;
  try {
    claims = await context.jwt.verify(token, { skewSeconds: 0, now });
  } catch (error) {
    if (!(error instanceof JwtVerifyError)) throw error;
    switch (error.failure) {
      // golang-jwt does not check iat unless asked to; the signature and exp/nbf already passed
      case 'iat_future':
        claims = decodeJwt(token) as JwtClaims;
        break;
      case 'segments':
        throw badJwt('token is malformed: token contains an invalid number of segments');
      case 'bad_signature':
        throw badJwt('token signature is invalid: signature is invalid');
      case 'expired':
      case 'not_yet_valid':
        throw badJwt(invalidClaimsText(token, now));
      default:
        throw badJwt('token is malformed');
    }
  }
  const typeError = claimTypeError(claims);
  if (typeError) throw badJwt(`token is malformed: ${typeError}`);
  return claims;
}

/** Authenticates a request for `/user` and `/logout`; throws AuthRequestError with GoTrue's answer. */
export async function authenticateRequest(
  context: AuthContext,
  request: LocalRequest,
  now: Date,
): Promise<Authenticated> {
  const match = BEARER.exec(header(request, 'authorization') ?? '');
  if (!match?.[1])
    throw new AuthRequestError(httpFailure(401, 'no_authorization', 'This endpoint requires a valid Bearer token'));
  const claims = await verifiedClaims(context, match[1], now);

  const subject = typeof claims.sub === 'string' ? claims.sub : '';
  if (subject === '') throw new AuthRequestError(httpFailure(403, 'bad_jwt', 'invalid claim: missing sub claim'));
  const userId = parseUuid(subject);
  if (!userId) throw new AuthRequestError(httpFailure(400, 'bad_jwt', 'invalid claim: sub claim must be a UUID'));
  const user = await loadUser(context.db, userId);
  if (!user)
    throw new AuthRequestError(httpFailure(403, 'user_not_found', 'User from sub claim in JWT does not exist'));
  if (user.bannedUntilMs !== null && user.bannedUntilMs > now.getTime())
    throw new AuthRequestError(httpFailure(403, 'user_banned', 'User is banned'));

  let sessionId: string | null = null;
  const claimedSession = typeof claims.session_id === 'string' ? claims.session_id : '';
  if (claimedSession !== '' && claimedSession !== NIL_UUID) {
    sessionId = parseUuid(claimedSession) ?? null;
    if (!sessionId)
      throw new AuthRequestError(httpFailure(403, 'bad_jwt', 'invalid claim: session_id claim must be a UUID'));
    const [session] = await context.db.query(`select 1 from auth.sessions where id = $1::uuid`, [sessionId]);
    if (!session)
      throw new AuthRequestError(
        httpFailure(403, 'session_not_found', 'Session from session_id claim in JWT does not exist'),
      );
  }
  return { claims, user, sessionId };
}
