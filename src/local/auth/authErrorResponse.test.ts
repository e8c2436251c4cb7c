import { describe, expect, it } from 'vitest';
import { httpFailure, oauthFailure } from './AuthFailure.ts';
import { authErrorResponse, requestsApiVersion20240101 } from './authErrorResponse.ts';

const withVersion = { headers: { 'x-supabase-api-version': '2024-01-01' } };
const withoutVersion = { headers: {} };
const body = (response: { body?: string | Buffer }) => JSON.parse(String(response.body)) as unknown;

describe('authErrorResponse', () => {
  it('renders HTTPErrors as {code, message} and echoes the version for auth-js', () => {
    const response = authErrorResponse(httpFailure(400, 'validation_failed', 'message is too short'), withVersion);
    expect(response.status).toBe(400);
    expect(response.headers).toEqual({
      'content-type': 'application/json',
      'x-supabase-api-version': '2024-01-01',
      'x-sb-error-code': 'validation_failed',
    });
    expect(response.body).toBe('{"code":"validation_failed","message":"message is too short"}');
  });

  it('renders HTTPErrors without the version header in the legacy shape', () => {
    const response = authErrorResponse(
      httpFailure(422, 'web3_provider_disabled', 'Solana Web3 provider is disabled'),
      withoutVersion,
    );
    expect(response.status).toBe(422);
    expect(response.headers).toEqual({
      'content-type': 'application/json',
      'x-sb-error-code': 'web3_provider_disabled',
    });
    expect(response.body).toBe(
      '{"code":422,"error_code":"web3_provider_disabled","msg":"Solana Web3 provider is disabled"}',
    );
  });

  it('adds error_id to legacy 5xx bodies only', () => {
    const response = authErrorResponse(
      httpFailure(500, 'unexpected_failure', 'Database error saving new user'),
      withoutVersion,
      () => 'req-1',
    );
    expect(body(response)).toEqual({
      code: 500,
      error_code: 'unexpected_failure',
      msg: 'Database error saving new user',
      error_id: 'req-1',
    });
    expect(body(authErrorResponse(httpFailure(500, 'unexpected_failure', 'x'), withVersion, () => 'req-1'))).toEqual({
      code: 'unexpected_failure',
      message: 'x',
    });
  });

  it('defaults a missing error code to unknown (unexpected_failure for 500)', () => {
    expect(body(authErrorResponse(httpFailure(404, '', 'Not found'), withVersion))).toEqual({
      code: 'unknown',
      message: 'Not found',
    });
    const legacy = authErrorResponse(httpFailure(500, '', 'boom'), withoutVersion, () => 'id');
    expect(body(legacy)).toMatchObject({ error_code: 'unexpected_failure' });
    expect(legacy.headers).not.toHaveProperty('x-sb-error-code');
  });

  it('renders OAuth errors as 400 {error, error_description}, version echoed, no error code header', () => {
    const response = authErrorResponse(oauthFailure('Signature does not match address in message'), withVersion);
    expect(response.status).toBe(400);
    expect(response.headers).toEqual({ 'content-type': 'application/json', 'x-supabase-api-version': '2024-01-01' });
    expect(response.body).toBe(
      '{"error":"invalid_grant","error_description":"Signature does not match address in message"}',
    );
    const legacy = authErrorResponse(oauthFailure('Internal Server Error', 'server_error'), withoutVersion);
    expect(legacy.headers).toEqual({ 'content-type': 'application/json' });
    expect(body(legacy)).toEqual({ error: 'server_error', error_description: 'Internal Server Error' });
  });

  it('uses Go JSON escaping in messages', () => {
    expect(authErrorResponse(httpFailure(400, 'bad_json', 'a <b> & c'), withVersion).body).toBe(
      '{"code":"bad_json","message":"a \\u003cb\\u003e \\u0026 c"}',
    );
  });
});

describe('requestsApiVersion20240101', () => {
  it('needs a valid date on or after 2024-01-01', () => {
    const check = (value: string | string[] | undefined) =>
      requestsApiVersion20240101({ headers: { 'x-supabase-api-version': value } });
    expect(check('2024-01-01')).toBe(true);
    expect(check('2025-06-30')).toBe(true);
    expect(check(['2024-01-01', '2000-01-01'])).toBe(true);
    for (const value of [undefined, '', '2023-12-31', '2024-1-1', '2024-02-30', 'latest', '2024-01-01T00:00:00Z'])
      expect(check(value), String(value)).toBe(false);
  });
});
