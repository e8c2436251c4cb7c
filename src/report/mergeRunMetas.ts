/** @module The run-meta of a merged run (`rocket-sim merge`): the workers' identities, gates and health checks in one. */
import type { HealthCheckResult } from '../health/healthCheckResult.ts';
import type { RecordedRun } from './recordedRun.ts';
import type { RunMeta } from './runMeta.ts';
import type { RunStop } from './runStop.ts';

/** Distinct values joined with `+` (`gameplay`, or `gameplay+auth-storm` for mixed workers). */
const joined = (values: readonly string[]): string => [...new Set(values)].join('+');

const epochOf = (value: string | number | undefined): number | undefined =>
  value === undefined ? undefined : typeof value === 'number' ? value : Date.parse(value);

/** A worker of a merged run: its directory name, its run-meta and what its results file recorded. */
export interface MergedWorker {
  name: string;
  meta: RunMeta | undefined;
  recorded?: RecordedRun | undefined;
}

/** How far each kind of stop is from a run that ran its course: the merged run shows the worst. */
const STOP_RANK: Record<RunStop['kind'], number> = { interrupted: 1, ended_early: 2, aborted: 3 };

/**
 * The run-meta of the merged run: identities joined, the first worker's gates (from its run-meta,
 * else from its results file), every worker's checks under its name, and the worst way a worker
 * stopped (so one interrupted or aborted worker marks the merged run).
 */
export function mergeRunMetas(metas: readonly MergedWorker[]): RunMeta {
  const known = metas.filter((entry): entry is { name: string; meta: RunMeta } => entry.meta !== undefined);
  const field = (pick: (meta: RunMeta) => string | number) =>
    known.length === 0 ? 'unknown' : joined(known.map((entry) => String(pick(entry.meta))));
  const starts = known
    .map((entry) => epochOf(entry.meta.startedAt))
    .filter((value): value is number => value !== undefined);
  const ends = known
    .map((entry) => epochOf(entry.meta.endedAt))
    .filter((value): value is number => value !== undefined);
  const checks: HealthCheckResult[] = known.flatMap((entry) =>
    (entry.meta.checks ?? []).map((check) => ({ ...check, name: `${entry.name}: ${check.name}` })),
  );
  const ensure =
    known.find((entry) => entry.meta.ensure !== undefined)?.meta.ensure ??
    metas.find((entry) => entry.recorded?.ensure !== undefined)?.recorded?.ensure;
  const stops = metas
    .map((entry) => ({ name: entry.name, stop: entry.meta?.stop ?? entry.recorded?.stop }))
    .filter((entry): entry is { name: string; stop: RunStop } => entry.stop !== undefined)
    .sort((a, b) => STOP_RANK[b.stop.kind] - STOP_RANK[a.stop.kind]);
  const meta: RunMeta = {
    scenario: field((m) => m.scenario),
    environment: field((m) => m.environment),
    targetHost: field((m) => m.targetHost),
    seed: field((m) => m.seed),
    gitCommit: field((m) => m.gitCommit),
    generatorVersion: field((m) => m.generatorVersion),
  };
  if (starts.length > 0) meta.startedAt = new Date(Math.min(...starts)).toISOString();
  if (ends.length === known.length && ends.length > 0) meta.endedAt = new Date(Math.max(...ends)).toISOString();
  if (ensure) meta.ensure = ensure;
  if (checks.length > 0) meta.checks = checks;
  const worst = stops[0];
  if (worst) meta.stop = { ...worst.stop, reason: `${worst.name}: ${worst.stop.reason}` };
  return meta;
}
