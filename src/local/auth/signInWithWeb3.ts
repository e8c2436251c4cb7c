/**
 * @module The database side of a verified web3 sign-in (contract A4): find or create the user and
 * identity, audit, and issue a session, exactly as GoTrue writes them.
 */
import { randomUUID } from 'node:crypto';
import { SimError } from '../../errors/index.ts';
import { isDbError, type Queryable } from '../db/Db.ts';
import { header, type LocalRequest } from '../http/types.ts';
import { DEFAULT_AUDIENCE, DEFAULT_ROLE, NIL_UUID, type AuthContext } from './AuthContext.ts';
import { AuthRequestError, httpFailure } from './AuthFailure.ts';
import { authUrlJson } from './wire/parseAuthUrl.ts';
import { insertAuditLogEntry } from './insertAuditLogEntry.ts';
import { issueSession, type IssuedSession } from './issueSession.ts';
import { loadIdentities, loadUser, type IdentityRecord } from './loadUser.ts';
import type { SiweMessage } from './siwe/parseSiweMessage.ts';

/** The identity's provider id collided with a concurrent first sign-in of the same address. */
export class IdentityRaceError extends SimError {
  override readonly code: string = 'E_IDENTITY_RACE';
  override name = 'IdentityRaceError';
}

export interface Web3SignIn extends IssuedSession {
  created: boolean;
  /** `user.identities` of the response: loaded before this sign-in updated them (GoTrue quirk) */
  identities: IdentityRecord[];
}

type Metadata = Record<string, unknown>;

/** Go's `UpdateUserMetaData`/`UpdateAppMetaData` merge: top-level keys replaced, null values delete. */
function mergeMetadata(current: Metadata | null, updates: Metadata): Metadata {
  const merged: Metadata = { ...(current ?? {}) };
  for (const [key, value] of Object.entries(updates)) {
    if (value === null || value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

async function dbStep<T>(step: Promise<T>, message: string): Promise<T> {
  try {
    return await step;
  } catch (error) {
    throw new AuthRequestError(httpFailure(500, 'unexpected_failure', message), { cause: error });
  }
}

/**
 * Signs in the wallet of a verified message inside `tx`. New identities create a user (signups
 * are always enabled here); a unique violation on the identity means another request created
 * it first and surfaces as IdentityRaceError so the caller can retry once.
 */
export async function signInWithWeb3(
  context: AuthContext,
  tx: Queryable,
  input: { message: SiweMessage; request: LocalRequest; now: Date },
): Promise<Web3SignIn> {
  const { message, request, now } = input;
  const at = now.toISOString();
  const providerId = `web3:ethereum:${message.address}`;
  const identityData: Metadata = {
    custom_claims: {
      address: message.address,
      chain: 'ethereum',
      domain: message.domain,
      network: message.chainId,
      statement: message.statement,
    },
    email_verified: false,
    phone_verified: false,
    sub: providerId,
  };

  const [existing] = await tx.query<{ id: string; user_id: string }>(
    `select id::text, user_id::text from auth.identities where provider_id = $1 and provider = 'web3'`,
    [providerId],
  );

  let userId: string;
  let identities: IdentityRecord[];
  if (existing) {
    userId = existing.user_id;
    const user = await loadUser(tx, userId);
    if (!user) throw new Error(`identity ${existing.id} points to a missing user`);
    identities = await loadIdentities(tx, userId);
    await tx.query(
      `update auth.identities set identity_data = $2::jsonb, updated_at = $3::timestamptz where id = $1::uuid`,
      [existing.id, JSON.stringify(identityData), at],
    );
    await tx.query(
      `update auth.users set raw_user_meta_data = $2::jsonb, updated_at = $3::timestamptz where id = $1::uuid`,
      [userId, JSON.stringify(mergeMetadata(user.userMetadata, identityData)), at],
    );
    const providers = await tx.query<{ provider: string }>(
      `select provider from auth.identities where user_id = $1::uuid order by created_at, id`,
      [userId],
    );
    const distinct = [...new Set(providers.map(({ provider }) => provider))];
    const appUpdates: Metadata =
      distinct.length > 0 ? { providers: distinct, provider: distinct[0] } : { providers: distinct };
    await tx.query(
      `update auth.users set raw_app_meta_data = $2::jsonb, updated_at = $3::timestamptz where id = $1::uuid`,
      [userId, JSON.stringify(mergeMetadata(user.appMetadata, appUpdates)), at],
    );
  } else {
    userId = randomUUID();
    const audience = header(request, 'x-jwt-aud') || DEFAULT_AUDIENCE;
    await dbStep(
      tx.query(
        `insert into auth.users (instance_id, id, aud, role, email, phone, encrypted_password, confirmation_token, recovery_token,
                                 email_change_token_new, email_change_token_current, email_change, phone_change, phone_change_token,
                                 reauthentication_token, raw_app_meta_data, raw_user_meta_data, is_super_admin, is_sso_user, is_anonymous,
                                 email_change_confirm_status, created_at, updated_at)
         values ($1::uuid, $2::uuid, $3, '', null, null, '', '', '', '', '', '', '', '', '', $4::jsonb, $5::jsonb, false, false, false, 0,
                 $6::timestamptz, $6::timestamptz)`,
        [
          NIL_UUID,
          userId,
          audience,
          JSON.stringify({ provider: 'web3', providers: ['web3'] }),
          JSON.stringify(identityData),
          at,
        ],
      ),
      'Database error saving new user',
    );
    await dbStep(
      tx.query(`update auth.users set role = $2, updated_at = $3::timestamptz where id = $1::uuid`, [
        userId,
        DEFAULT_ROLE,
        at,
      ]),
      'Database error updating user',
    );
    const identityId = randomUUID();
    try {
      await tx.query(
        `insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
         values ($1::uuid, $2, $3::uuid, $4::jsonb, 'web3', $5::timestamptz, $5::timestamptz, $5::timestamptz)`,
        [identityId, providerId, userId, JSON.stringify(identityData), at],
      );
    } catch (error) {
      if (isDbError(error) && error.code === '23505')
        throw new IdentityRaceError(`identity ${providerId} was created concurrently`, { cause: error });
      throw new AuthRequestError(httpFailure(500, 'unexpected_failure', 'Error creating identity'), { cause: error });
    }
    identities = (await loadIdentities(tx, userId)).filter((identity) => identity.id === identityId);
  }

  const actor = await loadUser(tx, userId);
  if (!actor) throw new Error(`auth.users row ${userId} vanished inside its own transaction`);
  if (actor.bannedUntilMs !== null && actor.bannedUntilMs > now.getTime())
    throw new AuthRequestError(httpFailure(403, 'user_banned', 'User is banned'));

  await insertAuditLogEntry(tx, { actor, action: 'login', now, traits: { provider: 'web3' } });
  await insertAuditLogEntry(tx, {
    actor,
    action: 'login',
    now,
    traits: {
      address: message.address,
      chain: 'ethereum',
      domain: message.domain,
      network: message.chainId,
      provider: 'web3',
      uri: authUrlJson(message.uri),
    },
  });

  const issued = await dbStep(
    issueSession(context, tx, { userId, request, method: 'web3', now }),
    'Database error granting user',
  );
  return { ...issued, created: !existing, identities };
}
