import { beforeAll, describe, expect, it } from 'vitest';
import { loadResults, type ArtilleryResults } from './artilleryResults.ts';
import { platformLimitsSection } from './platformLimitsSection.ts';
import type { ReportMeta } from './runMeta.ts';
import { smallRunPath } from '../../test/support/report/resultsFixtures.ts';

let results: ArtilleryResults;
beforeAll(async () => {
  results = await loadResults(smallRunPath);
});

const meta = (platformLimits?: ReportMeta['platformLimits']): ReportMeta => ({
  scenario: 'auth-storm',
  environment: 'local',
  targetHost: '127.0.0.1:54321',
  seed: 1,
  gitCommit: 'abc',
  generatorVersion: 'test',
  ...(platformLimits ? { platformLimits } : {}),
});

const withCounters = (counters: Record<string, number>): ArtilleryResults => ({
  ...results,
  aggregate: { ...results.aggregate, counters: { ...results.aggregate.counters, ...counters } },
});

describe('platformLimitsSection', () => {
  it('is absent for a run that recorded no limits and got no 429', () => {
    expect(platformLimitsSection(results, meta())).toBe('');
  });

  it('shows the pre-flight plan, the limits and the 429s per limiter of a remote run', () => {
    const html = platformLimitsSection(
      withCounters({
        'rocket.failure.rate_limited': 416,
        'http.codes.429': 416,
        'plugins.metrics-by-endpoint.auth_web3.codes.429': 416,
      }),
      meta({
        source: 'remote project',
        authRateLimits: 'web3=30/5m,refresh=150/5m,burst=30',
        preflight: { windowSeconds: 300, web3SignIns: 450, refreshes: 0, exceeded: ['web3'] },
      }),
    );
    expect(html).toContain('<h2>Platform limits</h2>');
    expect(html).toContain('pre-flight assumed of the project (SIM_AUTH_RATE_LIMITS)');
    expect(html).toMatch(
      /web3 sign-ins<\/td><td><code>30\/5m<\/code><\/td><td class="num">450 \(over the limit\)<\/td><td class="num">416</,
    );
    expect(html).toContain('rocket.failure.rate_limited: 416');
    expect(html).toContain('the platform limiting one source IP, not the game failing');
    expect(html).not.toContain('data-limits-off');
  });

  it('says which limits were off on the embedded stack', () => {
    const html = platformLimitsSection(results, meta({ source: 'embedded stack', authRateLimits: 'off' }));
    expect(html).toContain('data-limits-off="web3,refresh"');
    expect(html).toContain('Off for this run: web3 sign-ins and token refreshes');
    const partly = platformLimitsSection(
      results,
      meta({ source: 'embedded stack', authRateLimits: 'web3=off,refresh=150/5m,burst=30' }),
    );
    expect(partly).toContain('data-limits-off="web3"');
  });
});
