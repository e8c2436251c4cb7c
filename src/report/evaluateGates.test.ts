import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadResults, type ArtilleryResults, type MetricsPeriod } from './artilleryResults.ts';
import type { EnsureConfig } from './ensureConfig.ts';
import { evaluateGates } from './evaluateGates.ts';
import { runFactsOf, runVerdict } from './runVerdict.ts';
import { loadRunMeta } from './runMeta.ts';
import { smallRunMetaPath, smallRunPath } from '../../test/support/report/resultsFixtures.ts';

interface ArtilleryCheck {
  original: string;
  strict: boolean;
  result: unknown;
}
type RunChecks = (checks: unknown, vars: Record<string, unknown>) => ArtilleryCheck[];

let results: ArtilleryResults;
let ensure: EnsureConfig;
let artillery: { statsToVars(data: { report: MetricsPeriod }): Record<string, unknown>; runChecks: RunChecks };

beforeAll(async () => {
  results = await loadResults(smallRunPath);
  ensure = (await loadRunMeta(smallRunMetaPath)).ensure ?? {};
  // Artillery's own plugin, to check that the re-evaluation agrees with it on tricky inputs
  const root = dirname(createRequire(import.meta.url).resolve('artillery/package.json'));
  const plugin = join(root, 'dist/builtin-packages/artillery-plugin-ensure/dist/plugin.js');
  (globalThis as { artillery?: unknown }).artillery = { log: () => {} };
  artillery = (await import(pathToFileURL(plugin).href)).Plugin;
});

describe('evaluateGates', () => {
  it('reproduces the verdicts Artillery 2.0.34 printed for the fixture run', () => {
    const gates = evaluateGates(ensure, results.aggregate);
    expect(gates.map((gate) => [gate.name, gate.passed, gate.strict])).toEqual([
      ['http.response_time.p99 < 500', true, true],
      ['rocket.sign_ms.p95 < 1', false, true],
      ['http.codes.200 > 10 and vusers.failed == 0', false, true],
      ['rocket.auction_bid >= 100000', false, false],
      ['rocket.does_not_exist < 5', false, true],
      ['plugins.metrics-by-endpoint.response_time.auth_web3.p95 < 200 and http.requests > 100', true, true],
      ['p95 < 200', true, true],
      ['maxErrorRate < 5', false, true],
    ]);
  });

  it('reports the values behind each check', () => {
    const [p99, signMs, codes, , missing, , legacy, errorRate] = evaluateGates(ensure, results.aggregate);
    expect(p99?.value).toBe(16.9);
    expect(signMs?.value).toBe(1.7);
    expect(codes?.value).toEqual({ 'http.codes.200': 874, 'vusers.failed': 11 });
    expect(missing?.value).toEqual({ 'rocket.does_not_exist': null });
    expect(legacy).toMatchObject({ name: 'p95 < 200', expression: 'http.response_time.p95 < 200', value: 13.9 });
    expect(errorRate?.value).toBeCloseTo((11 / 144) * 100, 9);
    expect(errorRate?.expression).toBe('((vusers.created - vusers.completed)/vusers.created * 100) <= 5');
  });

  it('lists every metric a condition references, also those a short-circuit never read', () => {
    const [gate] = evaluateGates(
      { conditions: [{ expression: 'http.codes.999 > 1 and http.requests > 1' }] },
      results.aggregate,
    );
    expect(gate).toMatchObject({ passed: false, value: { 'http.codes.999': null, 'http.requests': 1008 } });
  });

  it('fails a threshold on a metric the run did not report', () => {
    const [gate] = evaluateGates({ thresholds: [{ 'rocket.never_emitted.p95': 1000 }] }, results.aggregate);
    expect(gate).toMatchObject({ passed: false, value: null, strict: true });
  });

  it('fails a condition that does not parse, with the reason', () => {
    const [gate] = evaluateGates({ conditions: [{ expression: 'http.requests >' }] }, results.aggregate);
    expect(gate?.passed).toBe(false);
    expect(gate?.error).toMatch(/cannot parse/);
  });

  it('does not let a failed optional condition fail the verdict, but a strict one does', () => {
    const optional = evaluateGates(
      { conditions: [{ expression: 'http.requests > 1000000', strict: false }] },
      results.aggregate,
    );
    expect(optional[0]?.passed).toBe(false);
    const facts = { ...runFactsOf(results.aggregate), vusersFailed: 0 };
    expect(runVerdict({ facts, gates: optional })).toEqual({ passed: true, label: 'passed', reasons: [], notes: [] });
    const strict = evaluateGates({ conditions: [{ expression: 'http.requests > 1000000' }] }, results.aggregate);
    expect(runVerdict({ facts, gates: strict })).toMatchObject({ passed: false, label: 'failed: gates' });
  });

  it('agrees with artillery-plugin-ensure on every check, including its substring-matching quirks', () => {
    const config = {
      thresholds: [
        { 'http.response_time.p99': 17 },
        { 'http.response_time.p999': 100 },
        { 'vusers.created_by_name.player_cycle': 1000 },
        { 'plugins.metrics-by-endpoint.response_time.rpc_place_auction_bid.max': 16 },
      ],
      conditions: [
        { expression: 'http.codes.200 >= 874 and http.codes.500 < 6' },
        { expression: 'vusers.created == vusers.completed + vusers.failed' },
        { expression: 'errors.ETIMEDOUT / http.requests * 100 < 1.5' },
        { expression: 'not (missing.metric > 3)' },
        { expression: 'http.request_rate > 40', strict: false },
        { expression: 'rocket.benign.faucet_cooldown in (48, 49) or rocket.failure.network > 0' },
        { expression: 'http.requests' },
        { expression: 'max(http.response_time.p95, http.response_time.p50) < 14' },
      ],
      median: 8,
      p99: '20',
      maxErrorRate: 8,
    };
    const ours = evaluateGates(config, results.aggregate);
    const theirs = artillery.runChecks(config, artillery.statsToVars({ report: results.aggregate }));
    expect(ours.map((gate) => [gate.name, gate.strict, gate.passed])).toEqual(
      theirs.map((check) => [check.original, check.strict, check.result === 1]),
    );
    // the quirks themselves: `http.response_time.p99` is a substring of `...p999`, so Artillery breaks the
    // expression and the check fails; `http.requests` alone evaluates to 1008, which is not 1
    expect(ours.find((gate) => gate.name === 'http.response_time.p999 < 100')?.passed).toBe(false);
    expect(ours.find((gate) => gate.name === 'http.requests')?.passed).toBe(false);
    expect(ours.find((gate) => gate.name === 'not (missing.metric > 3)')?.passed).toBe(true);
    expect(ours.filter((gate) => gate.passed).length).toBeGreaterThan(3);
  });

  it('ignores entries Artillery ignores (non-object thresholds and conditions)', () => {
    const gates = evaluateGates(
      { thresholds: ['http.requests', { 'http.requests': 2000 }], conditions: [42] },
      results.aggregate,
    );
    expect(gates.map((gate) => gate.name)).toEqual(['http.requests < 2000']);
  });
});
