/** @module When looping players stop starting cycles: SIM_RUN_UNTIL, else `runSeconds` after the worker's first join. */

/** Epoch ms after which no new cycle starts; undefined: no end (the phases end the run). */
export function playUntil(
  runUntil: number | undefined,
  runSeconds: number | undefined,
  firstJoinAt: number | undefined,
): number | undefined {
  return (
    runUntil ?? (runSeconds !== undefined && firstJoinAt !== undefined ? firstJoinAt + runSeconds * 1000 : undefined)
  );
}
