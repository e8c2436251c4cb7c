/** @module GoTrue's `models.NewAuditLogEntry`: one `auth.audit_log_entries` row per audited action. */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/Db.ts';
import { NIL_UUID } from './AuthContext.ts';
import { encodeJson } from './wire/encodeJson.ts';
import type { UserRecord } from './loadUser.ts';

export type AuditAction = 'login' | 'logout' | 'token_refreshed' | 'token_revoked';

const LOG_TYPE: Record<AuditAction, string> = {
  login: 'account',
  logout: 'account',
  token_refreshed: 'token',
  token_revoked: 'token',
};

/**
 * Inserts the audit row. The payload is a Go map, so its keys are written sorted; `traits` must
 * already be in Go's order (a map's keys sorted, a struct's fields in declaration order).
 */
export async function insertAuditLogEntry(
  tx: Queryable,
  entry: { actor: UserRecord; action: AuditAction; now: Date; traits?: Record<string, unknown> },
): Promise<void> {
  const { actor, action, now, traits } = entry;
  const fullName = actor.userMetadata?.full_name;
  const payload = {
    action,
    actor_id: actor.id,
    actor_name: fullName,
    actor_username: actor.phone !== '' ? actor.phone : actor.email,
    actor_via_sso: actor.isSsoUser,
    log_type: LOG_TYPE[action],
    traits,
  };
  await tx.query(
    `insert into auth.audit_log_entries (instance_id, id, payload, created_at, ip_address) values ($1::uuid, $2::uuid, $3::json, $4::timestamptz, '')`,
    [NIL_UUID, randomUUID(), encodeJson(payload), now.toISOString()],
  );
}
