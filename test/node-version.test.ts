/**
 * @module An old Node (issue 17 row 9): `npm start`, `npm run build` and `rocket-sim` itself under a
 * Node older than package.json's `engines` print one line naming the version found and the fix, exit
 * 2, and never a stack trace or `ERR_UNKNOWN_FILE_EXTENSION`. The old Node is the machine's own
 * (Debian's Node 20 at /usr/bin/node on these machines and in CI); where none is installed the case
 * is skipped, except in CI, where it fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/packageRoot.ts';

/** A Node binary older than 22 on this machine, or undefined. */
function findOldNode(): string | undefined {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node']) {
    if (!existsSync(candidate)) continue;
    const version = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    if (Number(version.split('.')[0]) < 22) return candidate;
  }
  return undefined;
}

const oldNode = findOldNode();
const ONE_LINE = /^rocket-sim needs Node >= 22\.18, found v(\d+)\.\d+\.\d+ \(.+\): install Node 24 .+$/;

describe.skipIf(!oldNode && !process.env.CI)('under an old Node', () => {
  const run = (command: string, args: string[]) => {
    if (!oldNode) throw new Error('CI: no Node older than 22 found at /usr/bin/node or /usr/local/bin/node');
    // the old Node first on PATH, as for a user whose system Node is 20
    const env = { PATH: `${dirname(oldNode)}:/usr/bin:/bin`, HOME: process.env.HOME ?? '/tmp' };
    return spawnSync(command === 'node' ? oldNode : command, args, {
      cwd: packageRoot(),
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
  };

  it.each([
    ['rocket-sim run smoke', 'node', ['bin/rocket-sim.js', 'run', 'smoke']],
    ['rocket-sim --version', 'node', ['bin/rocket-sim.js', '--version']],
    ['npm start', 'npm', ['start', '--silent']],
  ])('%s: one line naming the version, exit 2', (_name, command, args) => {
    const result = run(command, args);
    expect(result.status, result.stderr).toBe(2);
    const lines = result.stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('npm '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(ONE_LINE);
    expect(Number(ONE_LINE.exec(lines[0] ?? '')?.[1])).toBeLessThan(22);
    expect(result.stderr).not.toMatch(/ERR_UNKNOWN_FILE_EXTENSION|^\s+at /m);
  });
});
