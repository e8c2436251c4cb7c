/** @module The rocket-sim version, read from the package.json next to the code. */
import { readFileSync } from 'node:fs';
import { packageRoot } from '../packageRoot.ts';

let cached: string | undefined;

/** `rocket-sim@<version>` as recorded in package.json. */
export function generatorVersion(): string {
  cached ??= (JSON.parse(readFileSync(`${packageRoot()}/package.json`, 'utf8')) as { version: string }).version;
  return cached;
}
