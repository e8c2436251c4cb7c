/**
 * @module Fault injection for the local stack: per-request probabilities of an HTTP 503, a
 * connection reset and added latency, so the suite's behaviour under a misbehaving target can be tested.
 */
import { parseDurationMs } from '../config/parseDuration.ts';
import { ConfigError } from '../errors/index.ts';

export interface FaultSpec {
  /** probability of answering 503 instead of handling the request */
  http5xx: number;
  /** probability of destroying the connection without a response */
  reset: number;
  /** added latency and the probability that a request gets it */
  latency: { ms: number; probability: number } | undefined;
}

export type FaultKind = 'http5xx' | 'reset' | 'latency';

export const NO_FAULTS: FaultSpec = Object.freeze({ http5xx: 0, reset: 0, latency: undefined });

const probability = (raw: string, flag: string, item: string): number => {
  const value = Number(raw);
  if (!/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(raw) || value < 0 || value > 1) {
    throw new ConfigError(flag, `${item}: probability must be a number between 0 and 1 (got "${raw}")`);
  }
  return value;
};

/**
 * Parses `5xx=0.05,reset=0.02,latency=200ms@0.1` (any subset, any order). Latency without
 * `@p` applies to every request. An empty string or `none` means no faults.
 */
export function parseFaultSpec(text: string, flag = '--faults'): FaultSpec {
  const spec: FaultSpec = { http5xx: 0, reset: 0, latency: undefined };
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'none') return spec;
  for (const item of trimmed
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [key, raw = ''] = item.split('=', 2).map((part) => part.trim());
    if (key === '5xx') spec.http5xx = probability(raw, flag, item);
    else if (key === 'reset') spec.reset = probability(raw, flag, item);
    else if (key === 'latency') {
      const [duration = '', chance] = raw.split('@', 2);
      const ms = parseDurationMs(duration, 'ms');
      if (ms === undefined) throw new ConfigError(flag, `${item}: latency must look like 200ms or 200ms@0.1`);
      if (ms > 600_000) throw new ConfigError(flag, `${item}: latency must be at most 600s`);
      spec.latency = { ms, probability: chance === undefined ? 1 : probability(chance, flag, item) };
    } else {
      throw new ConfigError(flag, `unknown fault "${key}" in "${item}"; expected 5xx=p, reset=p or latency=<ms>[@p]`);
    }
  }
  if (spec.http5xx + spec.reset > 1) throw new ConfigError(flag, '5xx and reset probabilities add up to more than 1');
  return spec;
}

/** The faults one request gets, drawn with `random` (one draw for 5xx/reset, one for latency). */
export function drawFaults(
  spec: FaultSpec,
  random: () => number,
): { latencyMs: number; outcome: 'http5xx' | 'reset' | 'none' } {
  const latencyMs = spec.latency && random() < spec.latency.probability ? spec.latency.ms : 0;
  const roll = random();
  const outcome = roll < spec.http5xx ? 'http5xx' : roll < spec.http5xx + spec.reset ? 'reset' : 'none';
  return { latencyMs, outcome };
}
