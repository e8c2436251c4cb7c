/** @module Applies the Supabase-like bootstrap (roles, auth schema, default privileges) to a database. */
import { readFileSync } from 'node:fs';
import { packageRoot } from '../../packageRoot.ts';
import type { Db } from './Db.ts';

let cachedSql: string | undefined;

/** The bootstrap script's text. */
export function bootstrapSql(): string {
  cachedSql ??= readFileSync(`${packageRoot()}/src/local/db/bootstrap.sql`, 'utf8');
  return cachedSql;
}

/**
 * Applies the bootstrap; idempotent. Roles are cluster-wide, so two databases bootstrapping at
 * once on one server can collide on `ALTER ROLE` ("tuple concurrently updated"): retried.
 */
export async function applyBootstrap(db: Db): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.transaction((tx) => tx.exec(bootstrapSql()));
      return;
    } catch (error) {
      const retryable = error instanceof Error && /concurrently|deadlock/i.test(error.message);
      if (!retryable || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}
