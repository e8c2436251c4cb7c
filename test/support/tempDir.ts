/** @module Test support: throw-away directories under the OS temp dir, removed by the test that made them. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDir {
  path: string;
  /** removes the directory and everything in it (safe to call twice) */
  remove(): void;
}

/** Creates an empty directory `<tmp>/rocket-sim-<prefix>-XXXXXX`. */
export function tempDir(prefix: string): TempDir {
  const path = mkdtempSync(join(tmpdir(), `rocket-sim-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
