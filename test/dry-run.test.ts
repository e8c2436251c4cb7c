/**
 * @module The legacy dry run as docs/migrating.md maps it (issue 17 row 3): `SIM_DRY_RUN=true
 * rocket-sim run once` plays every wallet once on the embedded stack, offline, through the real CLI;
 * the same with the legacy env wallet source and its keys.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePrivateKey } from 'viem/accounts';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from './support/runCli.ts';
import { counters, events } from './support/runResults.ts';
import { tempDir } from './support/tempDir.ts';

const work = tempDir('dry-run');
afterAll(() => work.remove());

const KEYS = [generatePrivateKey(), generatePrivateKey()];

function dryRun(name: string, env: Record<string, string>): Promise<{ result: CliResult; out: string }> {
  const out = join(work.path, name);
  return runCli(['run', 'once', '--out', out], { env: { SIM_DRY_RUN: 'true', ...env }, timeoutMs: 240_000 }).then(
    (result) => ({ result, out }),
  );
}

describe('SIM_DRY_RUN=true rocket-sim run once', { timeout: 300_000 }, () => {
  let pool: Awaited<ReturnType<typeof dryRun>>;
  let env: Awaited<ReturnType<typeof dryRun>>;

  it('every wallet of the stack plays once, offline, and the run reports', async () => {
    [pool, env] = await Promise.all([
      dryRun('pool', {}),
      dryRun('env', { SIM_WALLET_SOURCE: 'env', SIM_WALLET_PRIVATE_KEYS: KEYS.join(',') }),
    ]);
    const { result, out } = pool;
    // Artillery's latency thresholds may fail on a loaded machine; the verdict is then 1, never a crash
    expect([0, 1], `${result.stdout.slice(-3000)}\n${result.stderr}`).toContain(result.code);
    expect(result.stderr).not.toContain('cannot start');
    const meta = JSON.parse(readFileSync(join(out, 'run-meta.json'), 'utf8')) as { targetHost: string };
    expect(meta.targetHost).toMatch(/^127\.0\.0\.1:\d+$/);
    const c = counters(out);
    expect(c['errors.E_CONFIG']).toBeUndefined();
    // every player plays; on a loaded machine a sign-in may time out (the stack is slow, not misconfigured)
    expect(c['vusers.failed'] ?? 0, JSON.stringify(c)).toBe(c['errors.ERR_SOCKET_TIMEOUT'] ?? 0);
    expect((c['rocket.wallet_authenticated'] ?? 0) + (c['vusers.failed'] ?? 0)).toBe(c['vusers.created']);
    expect(c['rocket.wallet_authenticated']).toBeGreaterThan(0);
    expect(c['rocket.cycle_complete']).toBe(c['rocket.wallet_authenticated']);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    const signedIn = events(out).filter((event) => event.event === 'wallet_authenticated');
    expect(new Set(signedIn.map((event) => event.wallet)).size).toBe(c['rocket.wallet_authenticated']);
  });

  it('with the legacy env wallet source: each key signs in once', () => {
    const { result, out } = env;
    expect([0, 1], `${result.stdout.slice(-3000)}\n${result.stderr}`).toContain(result.code);
    const c = counters(out);
    expect(c['rocket.wallet_authenticated']).toBe(KEYS.length);
    expect(c['rocket.cycle_complete']).toBe(KEYS.length);
    expect(c['vusers.failed']).toBe(0);
  });
});
