/** @module The run-meta of a merged run (`rocket-sim merge`): the workers' identities, gates and health checks in one. */
import type { HealthCheckResult } from '../health/healthCheckResult.ts';
import type { RunMeta } from './runMeta.ts';

/** Distinct values joined with `+` (`gameplay`, or `gameplay+auth-storm` for mixed workers). */
const joined = (values: readonly string[]): string => [...new Set(values)].join('+');

const epochOf = (value: string | number | undefined): number | undefined =>
  value === undefined ? undefined : typeof value === 'number' ? value : Date.parse(value);

/** The run-meta of the merged run: identities joined, the first worker's gates, every worker's checks under its name. */
export function mergeRunMetas(metas: readonly { name: string; meta: RunMeta | undefined }[]): RunMeta {
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
  const ensure = known.find((entry) => entry.meta.ensure !== undefined)?.meta.ensure;
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
  return meta;
}
