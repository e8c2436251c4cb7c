import { describe, expect, it } from 'vitest';
import type { LocalRequest } from '../http/types.ts';
import { createJwtService } from '../jwt.ts';
import { createApiKeys, DEFAULT_JWT_SECRET } from '../keys.ts';
import { resolveAuth } from './resolveAuth.ts';
import { RestError } from './RestError.ts';

const T0 = new Date('2026-11-28T12:00:00Z');
const seconds = Math.floor(T0.getTime() / 1000);

async function setup(switchable: string[] = ['anon', 'authenticated']) {
  const jwt = await createJwtService(DEFAULT_JWT_SECRET);
  const keys = await createApiKeys(DEFAULT_JWT_SECRET, jwt);
  const resolve = (token: string) =>
    resolveAuth({ headers: { authorization: `Bearer ${token}` } } as unknown as LocalRequest, {
      jwt,
      keys,
      switchableRoles: new Set(switchable),
      roleExists: async () => true,
      now: T0,
    });
  return { jwt, resolve };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => (error instanceof RestError ? error : Promise.reject(error)),
  );

describe('resolveAuth', () => {
  it('accepts a token until exp < now - 30, exactly as PostgREST', async () => {
    const { jwt, resolve } = await setup();
    const lastSecond = await jwt.sign({ role: 'authenticated', exp: seconds - 30 });
    expect((await resolve(lastSecond)).role).toBe('authenticated');
    const expired = await refusal(resolve(await jwt.sign({ role: 'authenticated', exp: seconds - 31 })));
    expect(expired?.status).toBe(401);
    expect(expired?.body).toMatchObject({ code: 'PGRST303', message: 'JWT expired' });
  });

  it('answers 42501 for a role other than anon with 403 and no WWW-Authenticate', async () => {
    const { jwt, resolve } = await setup(['authenticated']);
    const user = await refusal(resolve(await jwt.sign({ role: 'postgres', exp: seconds + 60 })));
    expect(user?.status).toBe(403);
    expect(user?.headers['www-authenticate']).toBeUndefined();
    expect(user?.body).toMatchObject({ code: '42501', message: 'permission denied to set role "postgres"' });
    // anon that the database refuses stays 401 with the bare challenge
    const anon = await refusal(resolve(await jwt.sign({ role: 'anon', exp: seconds + 60 })));
    expect(anon?.status).toBe(401);
    expect(anon?.headers['www-authenticate']).toBe('Bearer');
  });
});
