/**
 * @module What the sampler can read on this database with this role, found once at start:
 * pg_stat_statements (installed, loaded, in which schema), pg_read_all_stats (other roles'
 * statements and sessions), lock wait start times (PostgreSQL 14+). What is missing becomes one
 * sentence each, listed once; the sampler reads what remains.
 */
import type pg from 'pg';

/** Every statement of the sampler starts with this: its own pg_stat_statements entries are its cost. */
export const SAMPLER_TAG = '/* rocket-sim dbwatch */';

export interface DatabaseCapabilities {
  versionNum: number;
  version: string;
  maxConnections: number;
  /** `schema.pg_stat_statements`, quoted; undefined when unreadable */
  statementsView: string | undefined;
  statementsTrack: string | null;
  /** the role sees every session and statement text */
  readAllStats: boolean;
  missing: string[];
}

/** Probes `client` (connected, read-only). */
export async function probeDatabase(client: pg.Client): Promise<DatabaseCapabilities> {
  const missing: string[] = [];
  const { rows } = await client.query<{
    version_num: string;
    version: string;
    max_connections: string;
    read_all: boolean;
    pgss_schema: string | null;
    track: string | null;
    role: string;
  }>(`${SAMPLER_TAG} select current_setting('server_version_num') as version_num,
      current_setting('server_version') as version, current_setting('max_connections') as max_connections,
      coalesce((select rolsuper from pg_roles where rolname = current_user), false)
        or pg_has_role(current_user, 'pg_read_all_stats', 'member') as read_all,
      (select quote_ident(n.nspname) from pg_extension e join pg_namespace n on n.oid = e.extnamespace
        where e.extname = 'pg_stat_statements') as pgss_schema,
      current_setting('pg_stat_statements.track', true) as track, current_user as role`);
  const row = rows[0]!;
  const versionNum = Number(row.version_num);
  let statementsView: string | undefined;
  if (row.pgss_schema === null) {
    missing.push(
      'pg_stat_statements is not installed in this database (create extension pg_stat_statements): no per-statement times',
    );
  } else {
    const view = `${row.pgss_schema}.pg_stat_statements`;
    try {
      await client.query(`${SAMPLER_TAG} select 1 from ${view} limit 1`);
      statementsView = view;
    } catch (error) {
      missing.push(
        `pg_stat_statements is installed but not readable (${(error as Error).message.split('\n')[0]}): no per-statement times`,
      );
    }
  }
  if (!row.read_all)
    missing.push(
      `role ${row.role} is not a member of pg_read_all_stats: other roles' sessions, waits and statement texts are hidden`,
    );
  if (versionNum < 140000)
    missing.push('PostgreSQL before 14 has no lock wait start: waits are timed from the statement start');
  return {
    versionNum,
    version: row.version,
    maxConnections: Number(row.max_connections),
    statementsView,
    statementsTrack: row.track,
    readAllStats: row.read_all,
    missing,
  };
}
