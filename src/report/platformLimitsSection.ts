/**
 * @module The report's "Platform limits" panel: the Auth rate limits the run met (enforced by the
 * embedded stack, or assumed of a remote project by the pre-flight, with its planned peaks), which
 * limits were off, and the 429s the run got, so a failure reads as the platform's, not the game's.
 */
import { formatAuthRateLimit, parseAuthRateLimits } from '../config/index.ts';
import type { ArtilleryResults } from './artilleryResults.ts';
import { fmt } from './fmt.ts';
import { htmlText as t } from './htmlText.ts';
import type { ReportMeta } from './runMeta.ts';

const ENDPOINT_429 = (name: string) => `plugins.metrics-by-endpoint.${name}.codes.429`;

/** Each limiter's spec value (`30/5m`, `off`), read with the one parser of the spec. */
function limiterValues(spec: string): Record<'web3' | 'refresh', string> | undefined {
  const parsed = parseAuthRateLimits(spec);
  if ('error' in parsed) return undefined;
  return { web3: formatAuthRateLimit(parsed.limits.web3), refresh: formatAuthRateLimit(parsed.limits.refresh) };
}

/** The panel's HTML; empty when the run recorded no limits and got no 429. */
export function platformLimitsSection(results: ArtilleryResults, meta: ReportMeta): string {
  const counters = results.aggregate.counters;
  const rateLimited = counters['rocket.failure.rate_limited'] ?? 0;
  const http429 = counters['http.codes.429'] ?? 0;
  const limits = meta.platformLimits;
  if (!limits && rateLimited === 0 && http429 === 0) return '';

  const values = limits ? limiterValues(limits.authRateLimits) : undefined;
  const off = values ? (['web3', 'refresh'] as const).filter((kind) => values[kind] === 'off') : [];
  const where =
    limits?.source === 'embedded stack'
      ? 'The embedded stack enforced these Auth limits per client IP, as hosted Supabase does.'
      : limits
        ? 'Auth limits the pre-flight assumed of the project (SIM_AUTH_RATE_LIMITS), per source IP.'
        : 'The run recorded no platform limits (an older run-meta, or none given).';
  const offNote =
    limits && off.length > 0
      ? `<p class="warn" data-limits-off="${t(off.join(','))}">${t(
          `Off for this run: ${off.map((kind) => (kind === 'web3' ? 'web3 sign-ins' : 'token refreshes')).join(' and ')}. ${
            limits.source === 'embedded stack'
              ? 'A hosted project would have limited them: the figures here do not show that limit.'
              : 'The pre-flight did not check them.'
          }`,
        )}</p>`
      : '';
  const rows: [string, string, string, string][] = [];
  const planned = limits?.preflight;
  for (const [kind, label, endpoint] of [
    ['web3', 'web3 sign-ins', 'auth_web3'],
    ['refresh', 'token refreshes', 'auth_refresh'],
  ] as const) {
    const plannedPeak = planned ? (kind === 'web3' ? planned.web3SignIns : planned.refreshes) : undefined;
    rows.push([
      label,
      values ? values[kind] : 'unknown',
      plannedPeak === undefined
        ? '–'
        : `${fmt.count(plannedPeak)}${planned?.exceeded.includes(kind) ? ' (over the limit)' : ''}`,
      fmt.count(counters[ENDPOINT_429(endpoint)] ?? 0),
    ]);
  }
  const table = `<table><thead><tr><th>Limiter</th><th>Limit</th><th class="num">Planned, busiest 5 min</th><th class="num">429 answers</th></tr></thead><tbody>${rows
    .map(
      ([label, limit, peak, got]) =>
        `<tr><td>${t(label)}</td><td><code>${t(limit)}</code></td><td class="num">${t(peak)}</td><td class="num">${t(got)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
  const totals = `<p>${t(
    `rocket.failure.rate_limited: ${fmt.count(rateLimited)} · HTTP 429 answers in all: ${fmt.count(http429)}.${
      rateLimited > 0 ? ' These failures are the platform limiting one source IP, not the game failing.' : ''
    }`,
  )}</p>`;
  return `<section id="platform-limits">\n<h2>Platform limits</h2>\n<p>${t(where)}${
    limits ? ` <code>${t(limits.authRateLimits)}</code>` : ''
  }</p>\n${offNote}\n${table}\n${totals}\n</section>`;
}
