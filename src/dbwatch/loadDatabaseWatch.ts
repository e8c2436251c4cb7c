/** @module Reads `database.json` of a run folder; undefined when the run has none (or an unreadable one). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseWatch } from './DatabaseWatch.ts';

export function loadDatabaseWatch(runDir: string): DatabaseWatch | undefined {
  const path = join(runDir, 'database.json');
  if (!existsSync(path)) return undefined;
  try {
    const json = JSON.parse(readFileSync(path, 'utf8')) as Partial<DatabaseWatch>;
    if (json.version !== 1 || !Array.isArray(json.samples) || typeof json.sampled !== 'boolean') return undefined;
    return json as DatabaseWatch;
  } catch {
    return undefined;
  }
}
