/**
 * @module Bundles the CLI, the Artillery processor and plugin with native esbuild into dist/
 * (well under a second). Each output is written to a temporary file and renamed into place, so
 * a CLI or an Artillery worker starting during a rebuild always finds a complete file.
 */
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
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
const results = await Promise.all(
  Object.entries(entries).map(([entry, out]) =>
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
      write: false,
      // async hooks must stay native async functions: Artillery dispatches on constructor.name
      supported: { 'async-await': true },
    }),
  ),
);
for (const file of results.flatMap((result) => result.outputFiles)) {
  mkdirSync(dirname(file.path), { recursive: true });
  const temp = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temp, file.contents);
  renameSync(temp, file.path);
}
console.log(`rocket-sim: built dist/ in ${Math.round(performance.now() - started)} ms`);
