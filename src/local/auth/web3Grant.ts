/** @module `POST /token?grant_type=web3` (Ethereum): decode, verify (contract A1), sign in (A4), answer (A3). */
import type { LocalRequest, LocalResponse } from '../http/types.ts';
import type { AuthContext } from './AuthContext.ts';
import { AuthRequestError, httpFailure, oauthFailure } from './AuthFailure.ts';
import { IdentityRaceError, signInWithWeb3 } from './signInWithWeb3.ts';
import { tokenResponse } from './tokenResponse.ts';
import { verifyWeb3Request } from './verifyWeb3Request.ts';
import { readBodyFields } from './wire/readBodyFields.ts';

/** Handles one web3 grant; failures are thrown as AuthRequestError. */
export async function web3Grant(context: AuthContext, request: LocalRequest): Promise<LocalResponse> {
  const now = context.now();
  const decoded = readBodyFields(request.body, ['message', 'signature', 'chain']);
  if (!decoded.ok)
    throw new AuthRequestError(httpFailure(400, 'bad_json', `Could not parse request body as JSON: ${decoded.error}`));
  const { message, signature, chain } = decoded.values;
  const verification = await verifyWeb3Request(
    { message, signature, chain },
    {
      now,
      siteUrl: context.options.siteUrl,
      uriAllowList: context.options.uriAllowList,
      maxValidityMs: context.options.maxValidityMs,
    },
  );
  if (verification.kind !== 'ok') throw new AuthRequestError(verification);

  // two first sign-ins of one address race on the identity's unique key: the loser retries once
  // and then finds the winner's identity (GoTrue itself would answer 500 "Error creating identity")
  for (let attempt = 1; ; attempt++) {
    try {
      const signIn = await context.db.transaction((tx) =>
        signInWithWeb3(context, tx, { message: verification.message, request, now }),
      );
      return tokenResponse({
        accessToken: signIn.accessToken,
        expiresAt: signIn.expiresAt,
        expiresIn: context.options.accessTokenTtlSeconds,
        refreshToken: signIn.refreshToken,
        sessionId: signIn.sessionId,
        user: signIn.user,
        identities: signIn.identities,
      });
    } catch (error) {
      if (error instanceof IdentityRaceError && attempt < 2) continue;
      if (error instanceof IdentityRaceError)
        throw new AuthRequestError(httpFailure(500, 'unexpected_failure', 'Error creating identity'), { cause: error });
      if (error instanceof AuthRequestError) throw error;
      // GoTrue turns errors it did not wrap into an OAuth server_error (still HTTP 400)
      throw new AuthRequestError(oauthFailure('Internal Server Error', 'server_error'), { cause: error });
    }
  }
}
