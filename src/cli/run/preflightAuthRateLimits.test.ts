import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AUTH_RATE_LIMITS_OFF, HOSTED_AUTH_RATE_LIMITS } from '../../config/index.ts';
import { PreflightError } from '../../errors/index.ts';
import { createLogger } from '../../log/index.ts';
import { planPhases } from './planPhases.ts';
import { preflightAuthRateLimits } from './preflightAuthRateLimits.ts';
import { readScenario } from './scenarioFiles.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: createLogger({ destination }) };
}

const preflight = (name: string, options: Parameters<typeof planPhases>[1] = {}, strict?: string) => {
  const scenario = readScenario(name);
  const { lines, log } = capture();
  const result = preflightAuthRateLimits({
    scenario,
    plan: planPhases(scenario, options),
    limits: HOSTED_AUTH_RATE_LIMITS,
    strict,
    log,
  });
  return { result, lines };
};

describe('preflightAuthRateLimits', () => {
  it('counts auth-storm: every arrival signs in, 450 within 40 s, far over 30 per 5 minutes', () => {
    const { result, lines } = preflight('auth-storm');
    // 10 s at 5/s, 20 s ramping 5 → 30 (350), 10 s at 5/s
    expect(result.preflight).toEqual({ windowSeconds: 300, web3SignIns: 450, refreshes: 0, exceeded: ['web3'] });
    expect(result).toMatchObject({ source: 'remote project', authRateLimits: 'web3=30/5m,refresh=150/5m,burst=30' });
    expect(lines).toHaveLength(1);
    const warning = lines[0]!;
    expect(warning).toMatchObject({ event: 'preflight_rate_limits', level: 'warn', web3SignIns: 450 });
    expect(String(warning.message)).toContain('450 web3 sign-ins per source IP in the busiest 5 minutes');
    expect(String(warning.message)).toContain('limit of 30 per 300 s (bucket 30)');
    const waysOut = warning.waysOut as string[];
    expect(waysOut).toHaveLength(3);
    expect(waysOut[0]).toContain('rate_limit_web3');
    expect(waysOut[2]).toContain('15 workers with distinct source IPs');
  });

  it('passes a smoke run quietly: 8 players sign in once and play on', () => {
    const { result, lines } = preflight('smoke');
    expect(result.preflight).toMatchObject({ web3SignIns: 8, refreshes: 0, exceeded: [] });
    expect(lines).toEqual([]);
  });

  it('plans the refreshes of long sessions (soak: one per player before the hour ends)', () => {
    const { result } = preflight('soak', { players: 200 });
    expect(result.preflight).toMatchObject({ refreshes: 200, exceeded: ['web3', 'refresh'] });
    expect(preflight('soak').result.preflight).toMatchObject({ web3SignIns: 25, refreshes: 25, exceeded: [] });
  });

  it('refuses under --strict-preflight or -e production (exit 2, nothing sent)', () => {
    let error: unknown;
    try {
      preflight('auth-storm', {}, '-e production');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PreflightError);
    expect((error as PreflightError).exitCode).toBe(2);
    expect((error as Error).message).toContain('refused under -e production: nothing was sent');
    expect((error as Error).message).not.toContain('\n');
  });

  it('only warns when the players wait on the pool size (once with a managed pool): an upper bound', () => {
    const scenario = readScenario('once');
    const { lines, log } = capture();
    const result = preflightAuthRateLimits({
      scenario,
      plan: planPhases(scenario, {}),
      limits: HOSTED_AUTH_RATE_LIMITS,
      strict: '-e production',
      upperBound: true,
      log,
    });
    expect(result.preflight).toMatchObject({ web3SignIns: 50, exceeded: ['web3'] });
    expect(String(lines[0]?.message)).toContain('an upper bound: the players are as many as the pool has wallets');
  });

  it('has nothing to say when the project has the limits off', () => {
    const scenario = readScenario('auth-storm');
    const { lines, log } = capture();
    const result = preflightAuthRateLimits({
      scenario,
      plan: planPhases(scenario, {}),
      limits: AUTH_RATE_LIMITS_OFF,
      strict: '--strict-preflight',
      log,
    });
    expect(result).toMatchObject({ authRateLimits: 'off', preflight: { web3SignIns: 450, exceeded: [] } });
    expect(lines).toEqual([]);
  });
});
