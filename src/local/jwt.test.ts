import { describe, expect, it } from 'vitest';
import { createJwtService, JwtVerifyError } from './jwt.ts';

const SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';
const T0 = new Date('2026-11-28T12:00:00Z');
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof JwtVerifyError ? error.failure : `other: ${String(error)}`),
  );

describe('createJwtService: remembered tokens', () => {
  it('a token verified once still expires, and is not valid before nbf, on later calls', async () => {
    const jwt = await createJwtService(SECRET);
    const token = await jwt.sign({
      role: 'authenticated',
      sub: 'u1',
      iat: seconds(T0),
      nbf: seconds(T0),
      exp: seconds(T0) + 3600,
    });
    expect((await jwt.verify(token, { skewSeconds: 0, now: T0 })).sub).toBe('u1');
    // the second call is served from memory: same claims, time checked again
    expect((await jwt.verify(token, { skewSeconds: 0, now: new Date(T0.getTime() + 3599_000) })).sub).toBe('u1');
    expect(await failureOf(jwt.verify(token, { skewSeconds: 0, now: new Date(T0.getTime() + 3600_000) }))).toBe(
      'expired',
    );
    expect(await failureOf(jwt.verify(token, { skewSeconds: 30, now: new Date(T0.getTime() + 3620_000) }))).toBe(
      'accepted',
    );
    expect(await failureOf(jwt.verify(token, { skewSeconds: 0, now: new Date(T0.getTime() - 60_000) }))).toBe(
      'not_yet_valid',
    );
  });

  it('expires at exp + skew (GoTrue) or only after it (PostgREST: exp < now - 30), first call or remembered', async () => {
    for (const remembered of [false, true]) {
      const jwt = await createJwtService('x'.repeat(32));
      const token = await jwt.sign({ role: 'anon', exp: seconds(T0) });
      if (remembered) await jwt.verify(token, { skewSeconds: 30, expiry: 'after', now: T0 });
      const at = (offset: number) => new Date(T0.getTime() + offset * 1000);
      // PostgREST: still valid at exactly now - 30 = exp, expired one second later
      expect((await jwt.verify(token, { skewSeconds: 30, expiry: 'after', now: at(30) })).role).toBe('anon');
      expect(await failureOf(jwt.verify(token, { skewSeconds: 30, expiry: 'after', now: at(31) }))).toBe('expired');
      // golang-jwt (GoTrue): expired from exp + skew on
      expect((await jwt.verify(token, { skewSeconds: 30, now: at(29) })).role).toBe('anon');
      expect(await failureOf(jwt.verify(token, { skewSeconds: 30, now: at(30) }))).toBe('expired');
    }
  });

  it('a token issued in the future is refused on every call', async () => {
    const jwt = await createJwtService(SECRET);
    const token = await jwt.sign({ role: 'anon', iat: seconds(T0) + 120, exp: seconds(T0) + 3600 });
    expect(await failureOf(jwt.verify(token, { skewSeconds: 30, now: new Date(T0.getTime() + 100_000) }))).toBe(
      'accepted',
    );
    expect(await failureOf(jwt.verify(token, { skewSeconds: 30, now: T0 }))).toBe('iat_future');
  });

  it('an altered copy of a remembered token is checked from scratch and refused', async () => {
    const jwt = await createJwtService(SECRET);
    const token = await jwt.sign({ role: 'authenticated', sub: 'u1', exp: seconds(T0) + 3600 });
    await jwt.verify(token, { skewSeconds: 0, now: T0 });
    const [header, , signature] = token.split('.');
    const escalated = Buffer.from(
      JSON.stringify({ role: 'service_role', sub: 'u1', exp: seconds(T0) + 3600 }),
    ).toString('base64url');
    expect(await failureOf(jwt.verify(`${header}.${escalated}.${signature}`, { skewSeconds: 0, now: T0 }))).toBe(
      'bad_signature',
    );
  });

  it('callers get their own copy of the claims', async () => {
    const jwt = await createJwtService(SECRET);
    const token = await jwt.sign({ role: 'authenticated', sub: 'u1', exp: seconds(T0) + 3600 });
    const first = await jwt.verify(token, { skewSeconds: 0, now: T0 });
    first.role = 'service_role';
    expect((await jwt.verify(token, { skewSeconds: 0, now: T0 })).role).toBe('authenticated');
  });
});
