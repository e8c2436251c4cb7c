/** @module Reads what a `rocket-sim run` wrote: aggregate counters and player events. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The aggregate counters of a run's results.json. */
export function counters(outDir: string): Record<string, number> {
  const results = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as {
    aggregate: { counters: Record<string, number> };
  };
  return results.aggregate.counters;
}

/** The JSON-line events a run's players wrote. */
export function events(outDir: string): Record<string, unknown>[] {
  return readFileSync(join(outDir, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
