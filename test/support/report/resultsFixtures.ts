/** @module Paths of the checked-in Artillery results fixtures, for tests. */
import { fileURLToPath } from 'node:url';

/** `test/fixtures/results/small-run.json`: a real 24-s Artillery 2.0.34 run (see the folder's README). */
export const smallRunPath = fileURLToPath(new URL('../../fixtures/results/small-run.json', import.meta.url));
/** `test/fixtures/results/run-meta.json`: the ensure config of that run plus made-up health checks. */
export const smallRunMetaPath = fileURLToPath(new URL('../../fixtures/results/run-meta.json', import.meta.url));
