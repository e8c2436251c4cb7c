/** @module Bundles the CLI, the Artillery processor and plugin with native esbuild into dist/ (well under a second). */
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** entry (relative to the root) → output file under dist/ */
const entries: Record<string, string> = {
  'src/cli/main.ts': 'cli.js',
  'processors/index.ts': 'processor.js',
  'processors/artillery-plugin-rocket.ts': 'plugins/artillery-plugin-rocket/index.js',
};

const started = performance.now();
rmSync(join(root, 'dist'), { recursive: true, force: true });
await Promise.all(
  Object.entries(entries)
    .filter(([entry]) => existsSync(join(root, entry)))
    .map(([entry, out]) =>
      build({
        entryPoints: [join(root, entry)],
        outfile: join(root, 'dist', out),
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node22',
        packages: 'external',
        sourcemap: 'linked',
        logLevel: 'warning',
        // async hooks must stay native async functions: Artillery dispatches on constructor.name
        supported: { 'async-await': true },
      }),
    ),
);
console.log(`rocket-sim: built dist/ in ${Math.round(performance.now() - started)} ms`);
