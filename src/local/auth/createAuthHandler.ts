/**
 * @module The emulated GoTrue behind `/auth/v1`: web3 and refresh-token grants, `GET /user`,
 * `POST /logout`, with GoTrue's validation order, error texts, response shapes and `auth.*` rows.
 */
import type { AuthRateLimit } from '../../config/parseAuthRateLimits.ts';
import type { Logger } from '../../log/index.ts';
import type { Db } from '../db/Db.ts';
import type { Handler, LocalRequest, LocalResponse } from '../http/types.ts';
import type { JwtService } from '../jwt.ts';
import type { AuthContext, AuthOptions } from './AuthContext.ts';
import { AuthRequestError, httpFailure } from './AuthFailure.ts';
import { authErrorResponse, goJsonResponse } from './authErrorResponse.ts';
import { createTokenBucketLimiter, type TokenBucketLimiter } from './createTokenBucketLimiter.ts';
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
  const limiter = (limit: AuthRateLimit | undefined) =>
    limit && createTokenBucketLimiter({ ...limit, burst: options.rateLimits?.burst ?? limit.requests });
  // GoTrue's Token handler picks one limiter per grant: Web3 for web3, Token (refresh) for the rest
  const grants: Record<string, { grant: Route; limiter: TokenBucketLimiter | undefined }> = {
    web3: { grant: web3Grant, limiter: limiter(options.rateLimits?.web3) },
    refresh_token: { grant: refreshTokenGrant, limiter: limiter(options.rateLimits?.refresh) },
  };

  const token: Route = async (ctx, request) => {
    const entry = grants[request.query.get('grant_type') ?? ''];
    if (!entry) throw new AuthRequestError(httpFailure(400, 'invalid_credentials', 'unsupported_grant_type'));
    // applied before the grant handler, so invalid requests use up quota too
    if (entry.limiter && !entry.limiter.take(request.ip, ctx.now()))
      throw new AuthRequestError(httpFailure(429, 'over_request_rate_limit', 'Request rate limit reached'));
    return entry.grant(ctx, request);
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
