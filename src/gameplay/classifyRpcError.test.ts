import { describe, expect, it } from 'vitest';
import {
  benignRpcErrors,
  classifyHttpError,
  classifyRpcError,
  errorMessageOf,
  failureKindOf,
  type RpcStep,
} from './classifyRpcError.ts';

/** PostgREST's body for a plpgsql RAISE EXCEPTION (HTTP 400, code P0001). */
const raised = (message: string) => ({
  status: 400,
  message: errorMessageOf(400, JSON.stringify({ code: 'P0001', details: null, hint: null, message })),
});

describe('errorMessageOf', () => {
  it('takes the first non-empty known field', () => {
    expect(
      errorMessageOf(400, '{"code":"P0001","details":null,"hint":null,"message":"insufficient flux balance"}'),
    ).toBe('insufficient flux balance');
    expect(errorMessageOf(401, '{"code":401,"error_code":"bad_jwt","msg":"invalid JWT: token is expired"}')).toBe(
      'invalid JWT: token is expired',
    );
    expect(errorMessageOf(400, '{"error":"invalid_grant","error_description":"Invalid Refresh Token"}')).toBe(
      'Invalid Refresh Token',
    );
    expect(errorMessageOf(400, '{"message":"  ","error":"bad"}')).toBe('bad');
    expect(errorMessageOf(404, '{"details":"d","hint":"h"}')).toBe('d');
    expect(errorMessageOf(500, '{"hint":"h"}')).toBe('h');
  });

  it('falls back to the raw body, then to the status', () => {
    expect(errorMessageOf(502, '<html>Bad Gateway</html>')).toBe('<html>Bad Gateway</html>');
    expect(errorMessageOf(500, '{"code":"XX000"}')).toBe('{"code":"XX000"}');
    expect(errorMessageOf(503, '  \n')).toBe('HTTP 503');
    expect(errorMessageOf(500, '"plain json string"')).toBe('plain json string');
    expect(errorMessageOf(500, 'x'.repeat(2000))).toHaveLength(501);
  });
});

describe('classifyRpcError', () => {
  it('recognises every benign rejection of the table on its own step only', () => {
    for (const { step, reason, match } of benignRpcErrors) {
      expect(classifyRpcError(step, raised(match))).toEqual({ outcome: 'benign', reason, message: match });
      expect(classifyRpcError('sync', raised(match)).outcome).toBe('failure');
    }
  });

  it('names the benign reasons stably', () => {
    const names = benignRpcErrors.map(({ step, reason }) => `${step}:${reason}`);
    expect(names).toEqual([
      'faucet:faucet_cooldown',
      'faucet:faucet_rate_limited',
      'box:insufficient_balance',
      'submit:already_submitted',
      'submit:no_round_accepting_submissions',
      'bid:insufficient_balance',
      'bid:own_item',
      'bid:round_not_bidding',
      'bid:outbid',
      'bid:not_above_previous_bid',
    ]);
  });

  it('matches the server texts as substrings', () => {
    expect(
      classifyRpcError('bid', raised('bid must be at least 10.500000000000000000 Flux (current highest + 5%)')),
    ).toMatchObject({
      outcome: 'benign',
      reason: 'outbid',
    });
  });

  it('asks for a new sign-in on 401 and on auth-related texts', () => {
    const steps: RpcStep[] = ['sync', 'bid'];
    for (const step of steps) {
      for (const message of [
        'JWT expired',
        'invalid JWT: token is expired',
        'authenticated session required',
        'wallet does not belong to authenticated user',
        'Invalid Refresh Token: Refresh Token Not Found',
        'Auth session missing!',
      ]) {
        expect(classifyRpcError(step, raised(message)).outcome).toBe('reauth');
      }
      expect(classifyRpcError(step, { status: 401, message: 'HTTP 401' }).outcome).toBe('reauth');
    }
  });

  it('counts a 429 as rate limited, not as a 4xx (the platform, not the game)', () => {
    expect(classifyRpcError('sync', { status: 429, message: 'Request rate limit reached' })).toEqual({
      outcome: 'failure',
      kind: 'rate_limited',
      message: 'Request rate limit reached',
    });
    expect(classifyHttpError({ status: 429, message: 'Request rate limit reached' })).toMatchObject({
      kind: 'rate_limited',
    });
    expect(failureKindOf(429)).toBe('rate_limited');
    expect(failureKindOf(404)).toBe('http_4xx');
  });

  it("never signs in again for the gateway's bad API key answers (a new session does not fix the key)", () => {
    for (const message of ['Invalid API key', 'No API key found in request']) {
      expect(classifyRpcError('sync', { status: 401, message })).toEqual({
        outcome: 'failure',
        kind: 'http_4xx',
        message,
      });
      expect(classifyHttpError({ status: 401, message }, { forbiddenMeansReauth: true }).outcome).toBe('failure');
    }
    expect(classifyHttpError({ status: 403, message: 'HTTP 403' }, { forbiddenMeansReauth: true }).outcome).toBe(
      'reauth',
    );
    expect(classifyHttpError({ status: 403, message: 'permission denied for table x' }).outcome).toBe('failure');
  });

  it('classifies the rest by HTTP class or transport', () => {
    expect(classifyRpcError('bid', raised('bid must be less than or equal to 100000 Flux'))).toEqual({
      outcome: 'failure',
      kind: 'http_4xx',
      message: 'bid must be less than or equal to 100000 Flux',
    });
    expect(
      classifyRpcError('box', { status: 409, message: 'duplicate key value violates unique constraint' }),
    ).toMatchObject({ kind: 'http_4xx' });
    expect(classifyRpcError('sync', { status: 503, message: 'HTTP 503' })).toMatchObject({
      outcome: 'failure',
      kind: 'http_5xx',
    });
    expect(
      classifyRpcError('sync', { transport: 'network', message: 'connect ECONNREFUSED 127.0.0.1:54321' }),
    ).toMatchObject({ kind: 'network' });
    expect(classifyRpcError('bid', { transport: 'timeout', message: 'session timed out' })).toMatchObject({
      outcome: 'failure',
      kind: 'timeout',
    });
  });
});
