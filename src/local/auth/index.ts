/** @module The emulated Supabase Auth (GoTrue) of the local stack. */
export type { AuthOptions } from './AuthContext.ts';
export {
  AuthRequestError,
  httpFailure,
  oauthFailure,
  type AuthFailure,
  type HttpAuthFailure,
  type OAuthAuthFailure,
} from './AuthFailure.ts';
export { authErrorResponse, requestsApiVersion20240101 } from './authErrorResponse.ts';
export { createAuthHandler, type AuthHandlerDeps } from './createAuthHandler.ts';
export { GlobSyntaxError, globToRegExp } from './globToRegExp.ts';
export { isRedirectUrlValid, type RedirectPolicy } from './isRedirectUrlValid.ts';
export { parseSiweMessage, SiweParseError, type SiweMessage } from './siwe/parseSiweMessage.ts';
export {
  verifyWeb3Request,
  type Web3GrantParams,
  type Web3Verification,
  type Web3VerifyOptions,
} from './verifyWeb3Request.ts';
