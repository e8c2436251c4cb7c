/** @module Supabase-style migration runner: `*.sql` files of folders in filename order, each applied once. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ConfigError } from '../../errors/index.ts';
import type { Db } from './Db.ts';

export interface MigrationFile {
  /** full file name, the key in supabase_migrations.schema_migrations */
  version: string;
  path: string;
  sql: string;
  checksum: string;
}

/**
 * Lists the `*.sql` files of the folders as one history, in filename order (like one Supabase
 * migrations folder). A file name that appears in several folders is one migration: the folder
 * listed first wins, so a project folder that already carries a migration this repository also
 * ships (same name) applies it once.
 */
export function listMigrations(folders: readonly string[], flag = '--migrations'): MigrationFile[] {
  const byName = new Map<string, MigrationFile>();
  for (const folder of folders) {
    const dir = resolve(folder);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ConfigError(flag, `${folder} is not a directory`);
    for (const name of readdirSync(dir).filter((file) => file.endsWith('.sql'))) {
      if (byName.has(name)) continue;
      const path = join(dir, name);
      const sql = readFileSync(path, 'utf8');
      byName.set(name, { version: name, path, sql, checksum: createHash('sha256').update(sql).digest('hex') });
    }
  }
  return [...byName.values()].sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
}

class MigrationError extends ConfigError {
  override readonly code: string = 'E_MIGRATION';
}

/**
 * Applies every file not yet recorded, each in its own transaction together with its history row.
 * A failing file stops the run with an error naming it; earlier files stay applied.
 * @returns the versions applied now
 */
export async function applyMigrations(db: Db, files: readonly MigrationFile[]): Promise<string[]> {
  const rows = await db.query<{ version: string }>('select version from supabase_migrations.schema_migrations');
  const applied = new Set(rows.map((row) => row.version));
  const now: string[] = [];
  for (const file of files) {
    if (applied.has(file.version)) continue;
    try {
      await db.transaction(async (tx) => {
        await tx.exec(`set local search_path = public, extensions;\n${file.sql}`);
        await tx.query(
          'insert into supabase_migrations.schema_migrations (version, name, checksum) values ($1, $2, $3) on conflict (version) do nothing',
          [file.version, basename(file.version, '.sql'), file.checksum],
        );
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new MigrationError('--migrations', `migration ${file.path} failed: ${reason}`, { cause: error });
    }
    now.push(file.version);
  }
  return now;
}
