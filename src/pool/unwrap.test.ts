import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCodeOf, TargetUnreachableError } from '../errors/index.ts';
import { packageRoot } from '../packageRoot.ts';
import { PoolAccessError, PoolRequestError, PoolSchemaError } from './errors.ts';
import { unwrap } from './unwrap.ts';

const failure = (status: number, code: string, message: string, details = '') => ({
  data: null,
  status,
  error: { name: 'PostgrestError', code, message, details, hint: '' } as never,
});

function errorOf(result: ReturnType<typeof failure>): Error {
  try {
    unwrap(result, 'read sim_wallet_keys');
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected unwrap to throw');
}

describe('unwrap', () => {
  it('returns data when there is no error', () => {
    expect(unwrap({ data: [1], error: null, status: 200 }, 'x')).toEqual([1]);
  });

  it('names every migration of supabase/migrations/ when the schema is missing (exit 2)', () => {
    const error = errorOf(failure(404, 'PGRST202', 'Could not find the function public.claim_sim_wallets'));
    expect(error).toBeInstanceOf(PoolSchemaError);
    expect(exitCodeOf(error)).toBe(2);
    const shipped = readdirSync(join(packageRoot(), 'supabase', 'migrations')).filter((file) => file.endsWith('.sql'));
    expect(shipped).toContain('20261128120000_rocket_sim_wallet_leases.sql');
    const named = shipped.sort().map((file) => `supabase/migrations/${file}`);
    expect(error.message).toContain(`apply ${named.join(' and ')} to the project`);
  });

  it('blames the service-role key for permission errors (exit 2)', () => {
    const error = errorOf(failure(401, '42501', 'permission denied for table sim_wallet_keys'));
    expect(error).toBeInstanceOf(PoolAccessError);
    expect(exitCodeOf(error)).toBe(2);
    expect(error.message).toMatch(/^SIM_SUPABASE_SERVICE_ROLE_KEY: read sim_wallet_keys was refused/);
  });

  it('reports an unreachable target (exit 3)', () => {
    const error = errorOf(failure(0, '', 'TypeError: fetch failed'));
    expect(error).toBeInstanceOf(TargetUnreachableError);
    expect(exitCodeOf(error)).toBe(3);
  });

  it('quotes message and code but never the details, which can echo row values', () => {
    const error = errorOf(
      failure(400, '23514', 'new row violates check constraint', 'Failing row contains (secret-ciphertext)'),
    );
    expect(error).toBeInstanceOf(PoolRequestError);
    expect((error as PoolRequestError).dbCode).toBe('23514');
    expect(error.message).toBe('read sim_wallet_keys failed: new row violates check constraint [23514]');
  });

  it('redacts secret-looking values in messages', () => {
    const key = `0x${'ab'.repeat(32)}`;
    expect(errorOf(failure(400, 'P0001', `bad ${key}`)).message).not.toContain(key);
  });
});
