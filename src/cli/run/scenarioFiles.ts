/** @module The scenario files: names, and the phases and variables a run sizes and caps. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { UsageError } from '../../errors/index.ts';
import { packageRoot } from '../../packageRoot.ts';

/** An Artillery phase, as far as rocket-sim reads or writes it. */
export interface Phase {
  name?: string;
  duration?: number | string;
  arrivalRate?: number | string;
  rampTo?: number | string;
  arrivalCount?: number | string;
  maxVusers?: number | string;
  pause?: number | string;
}

export interface ScenarioFile {
  name: string;
  path: string;
  phases: Phase[];
  variables: Record<string, unknown>;
  /** the leading comment: what the scenario measures */
  description: string;
}

function scenariosDir(): string {
  return join(packageRoot(), 'scenarios');
}

/** Names of the shipped scenarios (file names without `.yml`). */
export function scenarioNames(): string[] {
  return readdirSync(scenariosDir())
    .filter((file) => file.endsWith('.yml'))
    .map((file) => file.slice(0, -4))
    .sort();
}

/** Reads one scenario; UsageError naming the known scenarios when it does not exist. */
export function readScenario(name: string): ScenarioFile {
  const path = join(scenariosDir(), `${name}.yml`);
  if (!/^[a-z0-9-]+$/.test(name) || !existsSync(path)) {
    throw new UsageError(`unknown scenario "${name}"; choose one of: ${scenarioNames().join(', ')}`);
  }
  const text = readFileSync(path, 'utf8');
  const doc = (parse(text) ?? {}) as { config?: { phases?: Phase[]; variables?: Record<string, unknown> } };
  const description = text
    .split('\n')
    .filter((line) => line.startsWith('#'))
    .map((line) => line.replace(/^#\s?/, ''))
    .join(' ')
    .trim();
  return { name, path, phases: doc.config?.phases ?? [], variables: doc.config?.variables ?? {}, description };
}

/** Planned seconds of a phase list (durations and pauses). */
export function plannedSeconds(phases: readonly Phase[]): number {
  return phases.reduce((sum, phase) => sum + Number(phase.duration ?? phase.pause ?? 0), 0);
}
