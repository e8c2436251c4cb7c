/** @module A wallet's Supabase session: parsed from token responses, checked against the wallet. */

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** epoch ms */
  expiresAt: number;
  /** auth user uuid (`user.id`) */
  userId: string | undefined;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Reads `access_token`, `refresh_token` and the expiry from a GoTrue token response, top-level or
 * under `session` (both shapes exist); undefined when the tokens are missing.
 */
export function sessionFromTokenResponse(body: unknown, now: number): Session | undefined {
  if (!isObject(body)) return undefined;
  const source = typeof body.access_token === 'string' ? body : isObject(body.session) ? body.session : undefined;
  if (!source || typeof source.access_token !== 'string' || typeof source.refresh_token !== 'string') return undefined;
  const expiresAt =
    typeof source.expires_at === 'number'
      ? source.expires_at * 1000
      : now + (typeof source.expires_in === 'number' ? source.expires_in : 3600) * 1000;
  const user = isObject(source.user) ? source.user : isObject(body.user) ? body.user : undefined;
  return {
    accessToken: source.access_token,
    refreshToken: source.refresh_token,
    expiresAt,
    userId: typeof user?.id === 'string' ? user.id : undefined,
  };
}

const PLAIN_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/**
 * The wallet addresses a GoTrue user object mentions, where the legacy worker looked: `id`,
 * `user_metadata.{wallet_address,address,sub}`, `identities[].provider_id|provider`,
 * `identities[].identity_data.{wallet_address,address,sub,custom_claims.address}` (plain `0x…` only).
 */
export function walletHintsOfUser(user: unknown): string[] {
  if (!isObject(user)) return [];
  const candidates: unknown[] = [user.id];
  if (isObject(user.user_metadata))
    candidates.push(user.user_metadata.wallet_address, user.user_metadata.address, user.user_metadata.sub);
  for (const identity of Array.isArray(user.identities) ? user.identities : []) {
    if (!isObject(identity)) continue;
    candidates.push(identity.provider_id, identity.provider);
    const data = identity.identity_data;
    if (isObject(data)) {
      candidates.push(
        data.wallet_address,
        data.address,
        data.sub,
        isObject(data.custom_claims) ? data.custom_claims.address : undefined,
      );
    }
  }
  return candidates
    .filter((value): value is string => typeof value === 'string' && PLAIN_ADDRESS.test(value))
    .map((value) => value.toLowerCase());
}

/** When a session should be refreshed: within 5 minutes or a quarter of its lifetime of expiry, whichever is sooner. */
export function refreshDueAt(session: Session, issuedAt: number): number {
  const lifetime = Math.max(0, session.expiresAt - issuedAt);
  return session.expiresAt - Math.min(300_000, lifetime / 4);
}
