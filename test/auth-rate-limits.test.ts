/**
 * Hosted Supabase's Auth limiters on the embedded stack, as supabase-js meets them: `rocket-sim
 * local` with its defaults answers the 31st web3 sign-in of one IP with the contract's 429, and the
 * 31st refresh likewise from its own bucket; `--auth-rate-limits off` lets everything through. The
 * requests of one burst go out together, so the buckets (refilled at 0.1 and 0.5 tokens per second)
 * cannot refill in between on any machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Session } from '@supabase/supabase-js';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, describe, expect, it } from 'vitest';
import { createSiweMessage } from '../src/auth/createSiweMessage.ts';
import { startCli, type RunningCli } from './support/startCli.ts';
import { stopClis } from './support/stopClis.ts';

interface Ready {
  url: string;
  anonKey: string;
  authRateLimits: string;
}

const BURST = 40;
const started: { cli: RunningCli; cwd: string }[] = [];

async function startLocal(extra: string[]): Promise<Ready> {
  const cwd = mkdtempSync(join(tmpdir(), 'rocket-sim-limits-'));
  const cli = startCli(['local', '--port', '0', ...extra], { cwd, env: { DATABASE_URL: '' }, timeoutMs: 240_000 });
  started.push({ cli, cwd });
  await cli.waitFor(/"event":"local_stack_ready".*\n/, 120_000);
  const line = cli
    .output()
    .split('\n')
    .find((candidate) => candidate.includes('local_stack_ready'))!;
  return JSON.parse(line) as Ready;
}

afterAll(async () => {
  await stopClis(started.map((entry) => entry.cli));
  for (const { cwd } of started) rmSync(cwd, { recursive: true, force: true });
}, 60_000);

const client = (ready: Ready) =>
  createClient(ready.url, ready.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });

/** `count` distinct wallets (deterministic keys), each signing in once, all requests at the same time. */
async function signInBurst(ready: Ready, count: number) {
  const requests = await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const account = privateKeyToAccount(`0x${(index + 1).toString(16).padStart(64, '0')}`);
      const message = createSiweMessage({
        domain: 'localhost:3000',
        address: account.address.toLowerCase(),
        uri: 'http://localhost:3000/',
        chainId: 1,
        nonce: 'a'.repeat(32),
        issuedAt: new Date(),
      });
      return { message, signature: await account.signMessage({ message }) };
    }),
  );
  return Promise.all(requests.map((body) => client(ready).auth.signInWithWeb3({ chain: 'ethereum', ...body })));
}

const refreshBurst = (ready: Ready, sessions: Session[]) =>
  Promise.all(sessions.map((session) => client(ready).auth.refreshSession({ refresh_token: session.refresh_token })));

/** Splits supabase-js results into successes and the 429s; anything else fails the test. */
function tally(results: { error: { status?: number; code?: string; message: string } | null }[]) {
  const other = results.filter((result) => result.error && result.error.status !== 429);
  const describe = (error: unknown) => `${String(error)} ${String((error as { cause?: unknown }).cause ?? '')}`;
  expect(other.map((result) => describe(result.error))).toEqual([]);
  const limited = results.filter((result) => result.error?.status === 429);
  for (const result of limited)
    expect(result.error).toMatchObject({ code: 'over_request_rate_limit', message: 'Request rate limit reached' });
  return { ok: results.length - limited.length, limited: limited.length };
}

describe('rocket-sim local: Auth rate limits per client IP', () => {
  it('with the defaults (hosted): 30 of 40 web3 sign-ins from one IP succeed, the rest get 429', async () => {
    const ready = await startLocal([]);
    expect(ready.authRateLimits).toBe('web3=30/5m,refresh=150/5m,burst=30');
    expect(tally(await signInBurst(ready, BURST))).toEqual({ ok: 30, limited: 10 });
    // the raw body is the contract's for a client without X-Supabase-Api-Version
    const raw = await fetch(`${ready.url}/auth/v1/token?grant_type=web3`, {
      method: 'POST',
      headers: { apikey: ready.anonKey, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(raw.status).toBe(429);
    expect(await raw.json()).toEqual({
      code: 429,
      error_code: 'over_request_rate_limit',
      msg: 'Request rate limit reached',
    });
  }, 180_000);

  it('refreshes have their own bucket: with web3=off, 30 of 40 refreshes succeed', async () => {
    const ready = await startLocal(['--auth-rate-limits', 'web3=off']);
    const signIns = await signInBurst(ready, BURST);
    expect(tally(signIns)).toEqual({ ok: BURST, limited: 0 });
    const sessions = signIns.map((result) => result.data.session!);
    expect(tally(await refreshBurst(ready, sessions))).toEqual({ ok: 30, limited: 10 });
  }, 180_000);

  it('--auth-rate-limits off lets all 40 sign-ins and all 40 refreshes through', async () => {
    const ready = await startLocal(['--auth-rate-limits', 'off']);
    expect(ready.authRateLimits).toBe('off');
    const signIns = await signInBurst(ready, BURST);
    expect(tally(signIns)).toEqual({ ok: BURST, limited: 0 });
    expect(
      tally(
        await refreshBurst(
          ready,
          signIns.map((result) => result.data.session!),
        ),
      ),
    ).toEqual({
      ok: BURST,
      limited: 0,
    });
  }, 180_000);
});
