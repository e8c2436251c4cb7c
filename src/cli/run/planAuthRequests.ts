/**
 * @module How many web3 sign-ins and token refreshes one run sends from its source IP, second by
 * second, derived from the phase plan: the pre-flight compares them with the project's Auth limits
 * before anything is sent.
 */
import type { PhasePlan } from './planPhases.ts';
import type { ScenarioFile } from './scenarioFiles.ts';

/** Access-token lifetime assumed for a remote project: hosted Supabase's default JWT expiry. */
const SESSION_SECONDS = 3600;
/** When a player refreshes (src/gameplay/player/session.ts refreshDueAt): 5 minutes before expiry, at most a quarter. */
const REFRESH_EVERY_SECONDS = SESSION_SECONDS - Math.min(300, SESSION_SECONDS / 4);

export interface AuthRequestPlan {
  /** planned web3 sign-ins in each second of the run */
  web3: number[];
  /** planned refreshes in each second of the run */
  refresh: number[];
}

const num = (value: number | string | undefined) => (value === undefined ? undefined : Number(value));

/**
 * Arrivals per second of the phases, and the concurrency cap in force. Player virtual users (the
 * `player` flow) sign in once and play until the run ends, so a phase's `maxVusers` caps their
 * sign-ins; `sign-in` virtual users sign in and leave at once. Refreshes follow each player's
 * session every REFRESH_EVERY_SECONDS. Re-sign-ins after errors are not planned.
 */
export function planAuthRequests(scenario: Pick<ScenarioFile, 'variables'>, plan: Pick<PhasePlan, 'phases'>) {
  const weight = (name: string) => Math.max(0, Number(scenario.variables[name] ?? 0) || 0);
  const players = weight('weightPlayer');
  const signIns = weight('weightSignIn');
  const playerShare = players + signIns === 0 ? 1 : players / (players + signIns);

  const web3: number[] = [];
  const playerStarts: number[] = [];
  let active = 0;
  let carry = 0;
  for (const phase of plan.phases) {
    const seconds = Math.max(0, Math.round(num(phase.duration) ?? num(phase.pause) ?? 0));
    const from = num(phase.arrivalRate) ?? 0;
    const to = num(phase.rampTo) ?? from;
    const count = num(phase.arrivalCount);
    const cap = num(phase.maxVusers) ?? Number.POSITIVE_INFINITY;
    for (let second = 0; second < seconds; second++) {
      const rate =
        phase.pause !== undefined && phase.duration === undefined
          ? 0
          : count !== undefined
            ? count / seconds
            : from + ((to - from) * (second + 0.5)) / seconds;
      carry += rate;
      const arrivals = Math.floor(carry);
      carry -= arrivals;
      const joining = Math.min(Math.round(arrivals * playerShare), Math.max(0, cap - active));
      active += joining;
      for (let i = 0; i < joining; i++) playerStarts.push(web3.length);
      web3.push(joining + (arrivals - Math.round(arrivals * playerShare)));
    }
  }
  const refresh = web3.map(() => 0);
  for (const start of playerStarts)
    for (let at = start + REFRESH_EVERY_SECONDS; at < refresh.length; at += REFRESH_EVERY_SECONDS)
      refresh[at] = (refresh[at] ?? 0) + 1;
  return { web3, refresh } satisfies AuthRequestPlan;
}
