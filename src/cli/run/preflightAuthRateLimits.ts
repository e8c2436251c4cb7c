/**
 * @module The pre-flight for remote targets: before anything is sent, the web3 sign-ins and
 * refreshes the phase plan sends from this run's source IP, against the project's Auth limits
 * (SIM_AUTH_RATE_LIMITS, default hosted). Over a limit it warns with the numbers and the three ways
 * out, and refuses (exit 2) under `--strict-preflight` or `-e production`.
 */
import { formatAuthRateLimits, type AuthRateLimit, type AuthRateLimits } from '../../config/index.ts';
import { PreflightError } from '../../errors/index.ts';
import type { Logger } from '../../log/index.ts';
import type { PlatformLimits } from '../../report/platformLimits.ts';
import { planAuthRequests } from './planAuthRequests.ts';
import type { PhasePlan } from './planPhases.ts';
import type { ScenarioFile } from './scenarioFiles.ts';

/** GoTrue's limits are per 5 minutes: the window the plan's peaks are counted in. */
const WINDOW_SECONDS = 300;

const SETTING = { web3: 'rate_limit_web3', refresh: 'rate_limit_token_refresh' } as const;
const WHAT = { web3: 'web3 sign-ins', refresh: 'token refreshes' } as const;

/** Most requests of `perSecond` within any window of `windowSeconds`. */
function busiestWindow(perSecond: readonly number[], windowSeconds: number): number {
  let sum = 0;
  let best = 0;
  for (let i = 0; i < perSecond.length; i++) {
    sum += perSecond[i]!;
    if (i >= windowSeconds) sum -= perSecond[i - windowSeconds]!;
    best = Math.max(best, sum);
  }
  return best;
}

/** Requests of `perSecond` a token bucket (`burst`, refilled at the limit's rate) would refuse. */
function refusedByBucket(perSecond: readonly number[], limit: AuthRateLimit, burst: number): number {
  const perSecondRefill = (limit.requests * 1000) / limit.periodMs;
  let tokens = burst;
  let refused = 0;
  for (const requests of perSecond) {
    const allowed = Math.min(requests, Math.floor(tokens));
    tokens = Math.min(burst, tokens - allowed + perSecondRefill);
    refused += requests - allowed;
  }
  return refused;
}

/**
 * Runs the pre-flight and returns what run-meta records (`platformLimits`). `strict` names why a
 * plan over the limits is refused (`--strict-preflight`, `-e production`); undefined only warns.
 */
export function preflightAuthRateLimits(input: {
  scenario: Pick<ScenarioFile, 'name' | 'variables'>;
  plan: Pick<PhasePlan, 'phases'>;
  limits: AuthRateLimits;
  strict: string | undefined;
  /**
   * the plan's player count waits on the wallet pool (a scenario that plays every wallet once,
   * sized after the pool is read): its figures are an upper bound, so they warn and never refuse
   */
  upperBound?: boolean;
  log: Logger;
}): PlatformLimits {
  const { limits } = input;
  const planned = planAuthRequests(input.scenario, input.plan);
  const peaks = {
    web3: busiestWindow(planned.web3, WINDOW_SECONDS),
    refresh: busiestWindow(planned.refresh, WINDOW_SECONDS),
  };
  const over = (['web3', 'refresh'] as const).flatMap((kind) => {
    const limit = limits[kind];
    const refused = limit ? refusedByBucket(planned[kind], limit, limits.burst) : 0;
    return limit && refused > 0 ? [{ kind, limit, refused, workers: Math.ceil(peaks[kind] / limit.requests) }] : [];
  });
  const result: PlatformLimits = {
    source: 'remote project',
    authRateLimits: formatAuthRateLimits(limits),
    preflight: {
      windowSeconds: WINDOW_SECONDS,
      web3SignIns: peaks.web3,
      refreshes: peaks.refresh,
      exceeded: over.map((entry) => entry.kind),
    },
  };
  if (over.length === 0) return result;

  const numbers = over
    .map(
      ({ kind, limit, refused }) =>
        `${peaks[kind]} ${WHAT[kind]} per source IP in the busiest 5 minutes, over the limit of ${limit.requests} per ${limit.periodMs / 1000} s (bucket ${limits.burst}): about ${refused} would get 429 over_request_rate_limit`,
    )
    .join('; ');
  const workers = Math.max(...over.map((entry) => entry.workers));
  const waysOut = [
    `raise ${over.map((entry) => SETTING[entry.kind]).join(' / ')} in the project's Auth settings (dashboard: Authentication > Rate Limits, or PATCH /v1/projects/{ref}/config/auth) and set SIM_AUTH_RATE_LIMITS to match`,
    'reuse sessions longer (fewer fresh sign-ins: fewer players or arrivals, a player scenario instead of a sign-in storm)',
    `spread the load over ${workers} workers with distinct source IPs (docs/distributed.md)`,
  ];
  const bound = input.upperBound ? '; an upper bound: the players are as many as the pool has wallets' : '';
  const message = `pre-flight: ${input.scenario.name} plans ${numbers} (SIM_AUTH_RATE_LIMITS=${result.authRateLimits}${bound})`;
  if (input.strict !== undefined && !input.upperBound)
    throw new PreflightError(
      `${message}; refused under ${input.strict}: nothing was sent. Ways out: ${waysOut.join('; ')}`,
    );
  input.log.warn({
    event: 'preflight_rate_limits',
    message,
    scenario: input.scenario.name,
    authRateLimits: result.authRateLimits,
    ...result.preflight,
    waysOut,
  });
  return result;
}
