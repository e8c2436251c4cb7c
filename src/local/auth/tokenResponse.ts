/** @module GoTrue's `AccessTokenResponse` (contract A3) with its `sb-auth-*` response headers. */
import type { LocalResponse } from '../http/types.ts';
import { goJsonResponse } from './authErrorResponse.ts';
import { userJson, type IdentityRecord, type UserRecord } from './loadUser.ts';

export interface TokenResponseInput {
  accessToken: string;
  expiresAt: number;
  expiresIn: number;
  refreshToken: string;
  sessionId: string;
  user: UserRecord;
  identities: readonly IdentityRecord[];
}

/** 200 `{access_token, token_type, expires_in, expires_at, refresh_token, user}`. */
export function tokenResponse(input: TokenResponseInput): LocalResponse {
  return goJsonResponse(
    200,
    {
      access_token: input.accessToken,
      token_type: 'bearer',
      expires_in: input.expiresIn,
      expires_at: input.expiresAt,
      refresh_token: input.refreshToken,
      user: userJson(input.user, input.identities),
    },
    {
      'sb-auth-user-id': input.user.id,
      'sb-auth-session-id': input.sessionId,
      'sb-auth-refresh-token-prefix': input.refreshToken.slice(0, 5),
    },
  );
}
