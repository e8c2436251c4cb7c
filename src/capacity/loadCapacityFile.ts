/** @module Reads `capacity.json` of a run folder; undefined when the run was no capacity run (or the file is unreadable). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CapacityOutcome } from './capacityOutcome.ts';

/** What capacity.json holds: the outcome without its console lines. */
export type CapacityFile = Omit<CapacityOutcome, 'lines'>;

export function loadCapacityFile(runDir: string): CapacityFile | undefined {
  const path = join(runDir, 'capacity.json');
  if (!existsSync(path)) return undefined;
  try {
    const json = JSON.parse(readFileSync(path, 'utf8')) as Partial<CapacityFile>;
    if (!Array.isArray(json.steps) || typeof json.summary !== 'string') return undefined;
    return json as CapacityFile;
  } catch {
    return undefined;
  }
}
