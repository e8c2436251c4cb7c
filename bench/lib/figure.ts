/**
 * @module The unit of benchmark output: one named figure with its target. Every bench prints its
 * figures as one JSON line (`bench_figures`) that `bench/run-all.ts` collects into bench/results.json.
 */

/** A target: the figure must compare to `value` as `op` says (`>= 0.6`: at least 0.6). */
export interface Target {
  op: '>=' | '<=' | '<' | '>';
  value: number;
}

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** absent for figures that are reported, not judged */
  target?: Target;
  /** whether the target is met; absent without a target */
  met?: boolean;
}

/** Builds a figure, judging it against `target` when one is given (NaN never meets a target). */
export function figure(name: string, value: number, unit: string, target?: Target): Figure {
  if (!target) return { name, value, unit };
  const compare = {
    '>=': value >= target.value,
    '<=': value <= target.value,
    '<': value < target.value,
    '>': value > target.value,
  };
  const met = Number.isFinite(value) && compare[target.op];
  return { name, value, unit, target, met };
}

/** `>= 0.6`, `<= 1.25`: how a target reads in tables. */
export function targetText(target: Target | undefined): string {
  return target ? `${target.op} ${target.value}` : '';
}

const EVENT = 'bench_figures';

/** Prints the figures of `bench` as one JSON line on stdout (what run-all reads). */
export function emitFigures(bench: string, figures: readonly Figure[]): void {
  console.log(JSON.stringify({ event: EVENT, bench, figures }));
}

/** The figures of every `bench_figures` line in a bench's stdout. */
export function parseFigures(stdout: string): Figure[] {
  const figures: Figure[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{') || !line.includes(EVENT)) continue;
    const parsed = JSON.parse(line) as { event?: unknown; figures?: unknown };
    if (parsed.event === EVENT && Array.isArray(parsed.figures)) figures.push(...(parsed.figures as Figure[]));
  }
  return figures;
}
