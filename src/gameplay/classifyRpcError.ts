/**
 * @module Turns a failed gameplay RPC into what the processor does next: carry on (a benign,
 * expected rejection), sign in again, or count a failure. The benign texts are the server's error
 * strings (gameplay-backend.md §2), matched as substrings like the legacy worker does.
 */

/** The RPC steps of a player cycle. */
export type RpcStep = 'sync' | 'faucet' | 'box' | 'inventory' | 'submit' | 'auction' | 'bid';

/** One expected rejection: on `step`, a message containing `match` is benign, named `reason`. */
export interface BenignRpcError {
  step: RpcStep;
  reason: string;
  match: string;
}

/**
 * Every benign rejection, per step. The legacy worker did not catch the two faucet ones, so a
 * restart within the claim window failed every cycle until the cooldown expired; here they are benign.
 */
export const benignRpcErrors = [
  { step: 'faucet', reason: 'faucet_cooldown', match: 'flux faucet claim is still on cooldown' },
  { step: 'faucet', reason: 'faucet_rate_limited', match: 'rate limit exceeded for flux faucet claims' },
  { step: 'box', reason: 'insufficient_balance', match: 'insufficient flux balance' },
  { step: 'submit', reason: 'already_submitted', match: 'already submitted a part for this auction round' },
  { step: 'submit', reason: 'no_round_accepting_submissions', match: 'no active auction round accepting submissions' },
  { step: 'bid', reason: 'insufficient_balance', match: 'insufficient flux balance' },
  { step: 'bid', reason: 'own_item', match: 'cannot bid on your own submitted item' },
  { step: 'bid', reason: 'round_not_bidding', match: 'auction round is not currently accepting bids' },
  { step: 'bid', reason: 'outbid', match: 'bid must be at least' },
  { step: 'bid', reason: 'not_above_previous_bid', match: 'new bid must exceed your previous bid' },
] as const satisfies readonly BenignRpcError[];

/** Stable snake_case name of a benign rejection (counted per step in the report). */
export type BenignReason = (typeof benignRpcErrors)[number]['reason'];

/**
 * Substrings that make the legacy worker sign in again (compared case-insensitively here; `auth`
 * also covers `authenticated session required` and `wallet does not belong to authenticated user`).
 */
const reauthTriggers = [
  'JWT',
  'auth',
  'session',
  'Refresh Token',
  'authenticated session required',
  'Invalid JWT',
] as const;

/** What went wrong: an HTTP error response, or no response at all. */
export type RpcError = { status: number; message: string } | { transport: 'network' | 'timeout'; message: string };

/**
 * Kind of a failure that is neither benign nor fixed by signing in again; `rate_limited` is a 429
 * (hosted Supabase limits Auth per client IP: the platform's answer, not the game's).
 */
export type RpcFailureKind = 'http_4xx' | 'http_5xx' | 'rate_limited' | 'network' | 'timeout';

/** What the caller does with a failed RPC. */
export type RpcErrorOutcome =
  | { outcome: 'benign'; reason: BenignReason; message: string }
  | { outcome: 'reauth'; message: string }
  | { outcome: 'failure'; kind: RpcFailureKind; message: string };

/** The fields Supabase services put their error text in (PostgREST, GoTrue, the gateway), in order. */
const MESSAGE_FIELDS = ['message', 'msg', 'error_description', 'error', 'details', 'hint'] as const;
/** Non-JSON bodies (HTML error pages) can be long; the message goes into logs and the report. */
const MAX_RAW_BODY = 500;

/**
 * The error text of an HTTP error response: the first non-empty string of `message`, `msg`,
 * `error_description`, `error`, `details`, `hint` of a JSON body; else the raw body (trimmed,
 * at most 500 characters); else `HTTP <status>`.
 */
export function errorMessageOf(status: number, bodyText: string): string {
  const body = bodyText.trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined; // not JSON: fall back to the raw text below
  }
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const record = parsed as Record<string, unknown>;
    for (const field of MESSAGE_FIELDS) {
      const value = record[field];
      if (typeof value === 'string' && value.trim() !== '') return value.trim();
    }
  } else if (typeof parsed === 'string' && parsed.trim() !== '') {
    return parsed.trim();
  }
  if (body !== '') return body.length > MAX_RAW_BODY ? `${body.slice(0, MAX_RAW_BODY)}…` : body;
  return `HTTP ${status}`;
}

const reauthPattern = new RegExp(reauthTriggers.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');

/**
 * The gateway's answers to a missing or wrong `apikey` (hosted Supabase, and the local stack): a
 * 401 that no new session fixes, so it is a failure, never a reason to sign in again.
 */
const badApiKeyPattern = /invalid api key|no api key found in request/i;

/** The failure kind of an HTTP status: 429 rate limited, 5xx, else 4xx. */
export const failureKindOf = (status: number): RpcFailureKind =>
  status === 429 ? 'rate_limited' : status >= 500 ? 'http_5xx' : 'http_4xx';

/**
 * Classifies a failed request that has no benign rejections (Auth, REST): a bad API key is a
 * failure; `reauth` for any 401 or a message containing a {@link reauthTriggers} substring (also
 * for a 403 when `forbiddenMeansReauth`, as on `GET /auth/v1/user`); else a failure by status.
 */
export function classifyHttpError(
  error: { status: number; message: string },
  options: { forbiddenMeansReauth?: boolean } = {},
): RpcErrorOutcome {
  const { status, message } = error;
  if (badApiKeyPattern.test(message)) return { outcome: 'failure', kind: failureKindOf(status), message };
  if (status === 401 || (options.forbiddenMeansReauth && status === 403) || reauthPattern.test(message))
    return { outcome: 'reauth', message };
  return { outcome: 'failure', kind: failureKindOf(status), message };
}

/**
 * Classifies a failed RPC of `step`: a benign rejection listed in {@link benignRpcErrors} for
 * that step; else as {@link classifyHttpError} (a bad API key fails, a 401 or a session message
 * signs in again, 429 is rate limited). Transport errors never trigger a sign-in.
 */
export function classifyRpcError(step: RpcStep, error: RpcError): RpcErrorOutcome {
  const { message } = error;
  if ('transport' in error) return { outcome: 'failure', kind: error.transport, message };
  const benign = benignRpcErrors.find((entry) => entry.step === step && message.includes(entry.match));
  if (benign) return { outcome: 'benign', reason: benign.reason, message };
  return classifyHttpError(error);
}
