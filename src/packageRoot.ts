/** @module Locates the installed package root, whether code runs from src/ (tests) or dist/ (bundle). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** Absolute path of the directory holding rocket-sim's package.json. */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'artillery.yml'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('rocket-sim: cannot find the package root (package.json next to artillery.yml)');
    dir = parent;
  }
  cached = dir;
  return dir;
}
