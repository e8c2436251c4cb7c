import { describe, expect, it } from 'vitest';
import { dbErrorStatus, mapDbError } from './mapDbError.ts';

describe('dbErrorStatus', () => {
  it.each([
    ['42501', '', false, 401],
    ['42501', '', true, 403],
    ['P0001', '', true, 400],
    ['P0002', '', true, 500],
    ['23505', '', true, 409],
    ['23503', '', true, 409],
    ['23502', '', true, 400],
    ['42883', 'operator does not exist: uuid = text', true, 404],
    ['42883', 'function xmlagg(integer) does not exist', true, 406],
    ['42P01', '', true, 404],
    ['42P17', '', true, 500],
    ['25006', '', true, 405],
    ['25P02', '', true, 500],
    ['57014', '', true, 500],
    ['57P01', '', true, 503],
    ['08006', '', true, 503],
    ['21000', 'UPDATE requires a WHERE clause', true, 400],
    ['21000', 'more than one row returned by a subquery used as an expression', true, 500],
    ['22023', 'role "postgres2" does not exist', true, 401],
    ['22023', 'invalid value', true, 400],
    ['40001', '', true, 500],
    ['53400', '', true, 500],
    ['53100', '', true, 503],
    ['PT402', '', true, 402],
    ['22P02', '', false, 400],
    ['XX000', '', true, 500],
  ])('%s %j (authenticated=%s) → %i', (code, message, authenticated, status) => {
    expect(dbErrorStatus(code, message, authenticated)).toBe(status);
  });
});

describe('mapDbError', () => {
  it('keeps code, message, detail and hint, with all four keys present', () => {
    const error = mapDbError(
      {
        code: '23505',
        message: 'duplicate key value violates unique constraint "wallets_pkey"',
        detail: 'Key (wallet_address)=(0x1) already exists.',
      },
      true,
    );
    expect(error.status).toBe(409);
    expect(error.body).toEqual({
      code: '23505',
      message: 'duplicate key value violates unique constraint "wallets_pkey"',
      details: 'Key (wallet_address)=(0x1) already exists.',
      hint: null,
    });
  });

  it('adds the Bearer challenge to 401s', () => {
    expect(mapDbError({ code: '42501', message: 'permission denied for table t' }, false).headers).toEqual({
      'www-authenticate': 'Bearer',
    });
  });

  it('gives a PGRST raise full control over status, body and headers', () => {
    const error = mapDbError(
      {
        code: 'PGRST',
        message: '{"code":"123","message":"Payment Required","hint":"top up"}',
        detail: '{"status":402,"headers":{"X-Powered-By":"Nerd Rage"}}',
      },
      true,
    );
    expect(error.status).toBe(402);
    expect(error.body).toEqual({ code: '123', message: 'Payment Required', details: null, hint: 'top up' });
    expect(error.headers).toEqual({ 'x-powered-by': 'Nerd Rage' });
  });

  it('answers a malformed PGRST raise with PGRST121', () => {
    const error = mapDbError({ code: 'PGRST', message: 'not json' }, true);
    expect(error.status).toBe(500);
    expect(error.body.code).toBe('PGRST121');
  });
});
