/** @module Reads `auth.users` + `auth.identities` and renders GoTrue's User JSON (contract A3). */
import type { Queryable } from '../db/Db.ts';
import { formatTimestamp, sqlUtcText } from './wire/formatTimestamp.ts';
import { jsonMap } from './wire/encodeJson.ts';

type Metadata = Record<string, unknown> | null;

/** The columns the auth routes use, timestamps as Go-formatted text. */
export interface UserRecord {
  id: string;
  aud: string;
  role: string;
  email: string;
  phone: string;
  isSsoUser: boolean;
  isAnonymous: boolean;
  appMetadata: Metadata;
  userMetadata: Metadata;
  bannedUntilMs: number | null;
  /** the User JSON without identities */
  json: Record<string, unknown>;
}

export interface IdentityRecord {
  id: string;
  providerId: string;
  provider: string;
  identityData: Metadata;
  json: Record<string, unknown>;
}

interface UserRow {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  phone: string | null;
  email_change: string | null;
  phone_change: string | null;
  is_sso_user: boolean;
  is_anonymous: boolean;
  raw_app_meta_data: Metadata;
  raw_user_meta_data: Metadata;
  banned_until_ms: number | null;
  [timestamp: string]: unknown;
}

const USER_TIMESTAMPS = [
  'email_confirmed_at',
  'invited_at',
  'phone_confirmed_at',
  'confirmation_sent_at',
  'confirmed_at',
  'recovery_sent_at',
  'email_change_sent_at',
  'phone_change_sent_at',
  'reauthentication_sent_at',
  'last_sign_in_at',
  'created_at',
  'updated_at',
  'banned_until',
  'deleted_at',
] as const;

/** a NULL non-pointer `time.Time` marshals as Go's zero time */
const GO_ZERO_TIME = '0001-01-01T00:00:00Z';
const goTime = (value: unknown) => (typeof value === 'string' ? formatTimestamp(value) : undefined);

/** Loads one user, or undefined when the id does not exist. */
export async function loadUser(db: Queryable, userId: string): Promise<UserRecord | undefined> {
  const [row] = await db.query<UserRow>(
    `select id::text, aud, role, email, phone, email_change, phone_change, is_sso_user, is_anonymous,
            raw_app_meta_data, raw_user_meta_data, (extract(epoch from banned_until) * 1000)::float8 as banned_until_ms,
            ${USER_TIMESTAMPS.map((column) => sqlUtcText(column)).join(', ')}
       from auth.users where id = $1::uuid`,
    [userId],
  );
  if (!row) return undefined;
  const t = (column: (typeof USER_TIMESTAMPS)[number]) => goTime(row[column]);
  // field order and omitempty as in GoTrue's models.User
  const json: Record<string, unknown> = {
    id: row.id,
    aud: row.aud ?? '',
    role: row.role ?? '',
    email: row.email ?? '',
    email_confirmed_at: t('email_confirmed_at'),
    invited_at: t('invited_at'),
    phone: row.phone ?? '',
    phone_confirmed_at: t('phone_confirmed_at'),
    confirmation_sent_at: t('confirmation_sent_at'),
    confirmed_at: t('confirmed_at'),
    recovery_sent_at: t('recovery_sent_at'),
    new_email: row.email_change || undefined,
    email_change_sent_at: t('email_change_sent_at'),
    new_phone: row.phone_change || undefined,
    phone_change_sent_at: t('phone_change_sent_at'),
    reauthentication_sent_at: t('reauthentication_sent_at'),
    last_sign_in_at: t('last_sign_in_at'),
    app_metadata: jsonMap(row.raw_app_meta_data),
    user_metadata: jsonMap(row.raw_user_meta_data),
    created_at: t('created_at') ?? GO_ZERO_TIME,
    updated_at: t('updated_at') ?? GO_ZERO_TIME,
    banned_until: t('banned_until'),
    deleted_at: t('deleted_at'),
    is_anonymous: row.is_anonymous,
  };
  return {
    id: row.id,
    aud: row.aud ?? '',
    role: row.role ?? '',
    email: row.email ?? '',
    phone: row.phone ?? '',
    isSsoUser: row.is_sso_user,
    isAnonymous: row.is_anonymous,
    appMetadata: row.raw_app_meta_data,
    userMetadata: row.raw_user_meta_data,
    bannedUntilMs: row.banned_until_ms,
    json,
  };
}

interface IdentityRow {
  id: string;
  provider_id: string;
  user_id: string;
  identity_data: Metadata;
  provider: string;
  email: string | null;
  last_sign_in_at: string | null;
  created_at: string | null;
  updated_at: string | null;
}

/** Loads a user's identities in creation order, each with its Identity JSON. */
export async function loadIdentities(db: Queryable, userId: string): Promise<IdentityRecord[]> {
  const rows = await db.query<IdentityRow>(
    `select id::text, provider_id, user_id::text, identity_data, provider, email,
            ${sqlUtcText('last_sign_in_at')}, ${sqlUtcText('created_at')}, ${sqlUtcText('updated_at')}
       from auth.identities where user_id = $1::uuid order by created_at, id`,
    [userId],
  );
  return rows.map((row) => ({
    id: row.id,
    providerId: row.provider_id,
    provider: row.provider,
    identityData: row.identity_data,
    // JSON `identity_id` is the row id and `id` the provider id (GoTrue keeps the old client names)
    json: {
      identity_id: row.id,
      id: row.provider_id,
      user_id: row.user_id,
      identity_data:
        row.identity_data && Object.keys(row.identity_data).length > 0 ? jsonMap(row.identity_data) : undefined,
      provider: row.provider,
      last_sign_in_at: goTime(row.last_sign_in_at),
      created_at: goTime(row.created_at) ?? GO_ZERO_TIME,
      updated_at: goTime(row.updated_at) ?? GO_ZERO_TIME,
      email: row.email || undefined,
    },
  }));
}

/** The full User JSON: the user's fields with `identities` in GoTrue's position. */
export function userJson(user: UserRecord, identities: readonly IdentityRecord[]): Record<string, unknown> {
  const { created_at, updated_at, banned_until, deleted_at, is_anonymous, ...head } = user.json;
  return {
    ...head,
    identities: identities.map((identity) => identity.json),
    created_at,
    updated_at,
    banned_until,
    deleted_at,
    is_anonymous,
  };
}
