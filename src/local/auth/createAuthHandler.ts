/**
 * @module The emulated GoTrue behind `/auth/v1`: web3 and refresh-token grants, `GET /user`,
 * `POST /logout`, with GoTrue's validation order, error texts, response shapes and `auth.*` rows.
 */
import type { Logger } from '../../log/index.ts';
import type { Db } from '../db/Db.ts';
import type { Handler, LocalRequest, LocalResponse } from '../http/types.ts';
import type { JwtService } from '../jwt.ts';
import type { AuthContext, AuthOptions } from './AuthContext.ts';
import { AuthRequestError, httpFailure } from './AuthFailure.ts';
import { authErrorResponse, goJsonResponse } from './authErrorResponse.ts';
import { createTokenBucketLimiter } from './createTokenBucketLimiter.ts';
import { allowListPattern } from './isRedirectUrlValid.ts';
import { refreshTokenGrant } from './refreshTokenGrant.ts';
import { getUser, logout } from './userRoutes.ts';
import { web3Grant } from './web3Grant.ts';

export interface AuthHandlerDeps {
  db: Db;
  jwt: JwtService;
  options: AuthOptions;
  /** receives unexpected failures (redacted); silent when absent */
  log?: Logger;
}

/** GoTrue's web3 limiter: `GOTRUE_RATE_LIMIT_WEB3` requests per 5 minutes, burst of the same size. */
const WEB3_RATE_PERIOD_MS = 300_000;

type Route = (context: AuthContext, request: LocalRequest) => Promise<LocalResponse>;

const health: Route = async () =>
  goJsonResponse(200, {
    version: 'rocket-sim-local',
    name: 'GoTrue',
    description: 'GoTrue is a user registration and authentication API',
  });

/**
 * Creates the `/auth/v1` handler (paths arrive without the prefix). Allow-list globs are compiled
 * up front, so a pattern GoTrue could not compile fails here (GlobSyntaxError) as it would at
 * GoTrue's start.
 */
export function createAuthHandler(deps: AuthHandlerDeps): Handler {
  const { db, jwt, options, log } = deps;
  for (const entry of options.uriAllowList) allowListPattern(entry);
  const context: AuthContext = { db, jwt, options, now: options.now ?? (() => new Date()), log };
  const web3Limiter =
    options.web3RateLimit === undefined
      ? undefined
      : createTokenBucketLimiter({ burst: options.web3RateLimit, periodMs: WEB3_RATE_PERIOD_MS });

  const token: Route = async (ctx, request) => {
    const grantType = request.query.get('grant_type') ?? '';
    if (grantType === 'web3') {
      // applied before the grant handler, so invalid requests use up quota too
      if (web3Limiter && !web3Limiter.take(request.ip, ctx.now()))
        throw new AuthRequestError(httpFailure(429, 'over_request_rate_limit', 'Request rate limit reached'));
      return web3Grant(ctx, request);
    }
    if (grantType === 'refresh_token') return refreshTokenGrant(ctx, request);
    throw new AuthRequestError(httpFailure(400, 'invalid_credentials', 'unsupported_grant_type'));
  };

  const routes: Record<string, Partial<Record<string, Route>>> = {
    '/token': { POST: token },
    '/user': { GET: getUser },
    '/logout': { POST: logout },
    '/health': { GET: health },
  };

  return async (request) => {
    const path = request.path.length > 1 ? request.path.replace(/\/+$/, '') : request.path;
    const methods = routes[path];
    const route = methods?.[request.method.toUpperCase()];
    try {
      if (!methods) throw new AuthRequestError(httpFailure(404, '', '404 page not found'));
      if (!route) throw new AuthRequestError(httpFailure(405, '', 'Method Not Allowed'));
      return await route(context, request);
    } catch (error) {
      if (error instanceof AuthRequestError) {
        if (error.failure.kind === 'http' && error.failure.status >= 500)
          log?.error({ event: 'auth_request_failed', path, error, cause: error.cause });
        return authErrorResponse(error.failure, request);
      }
      log?.error({ event: 'auth_request_crashed', path, error });
      return authErrorResponse(
        httpFailure(500, 'unexpected_failure', 'Unexpected failure, please check server logs for more information'),
        request,
      );
    }
  };
}
