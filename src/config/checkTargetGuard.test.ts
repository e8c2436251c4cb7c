import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/index.ts';
import { checkTargetGuard, isLoopbackHost } from './checkTargetGuard.ts';

const base = { allowedTargets: [] as string[], confirmTarget: undefined as string | undefined, environment: 'staging' };

describe('checkTargetGuard', () => {
  it('lets load go to loopback hosts outside production', () => {
    for (const url of ['http://127.0.0.1:54321', 'http://localhost:3000', 'http://[::1]:8080', 'http://127.1.2.3']) {
      expect(() => checkTargetGuard({ ...base, targetUrl: url })).not.toThrow();
    }
    expect(isLoopbackHost('example.com')).toBe(false);
  });

  it('refuses any other host unless it is listed or confirmed with its exact host name', () => {
    const targetUrl = 'https://abc.supabase.co';
    expect(() => checkTargetGuard({ ...base, targetUrl })).toThrow(
      /refusing to send load to abc\.supabase\.co.*SIM_CONFIRM_TARGET=abc\.supabase\.co/,
    );
    expect(() => checkTargetGuard({ ...base, targetUrl, allowedTargets: ['abc.supabase.co'] })).not.toThrow();
    expect(() => checkTargetGuard({ ...base, targetUrl, confirmTarget: 'abc.supabase.co' })).not.toThrow();
    expect(() => checkTargetGuard({ ...base, targetUrl, confirmTarget: 'other.supabase.co' })).toThrow(
      /"other\.supabase\.co", not the target host/,
    );
  });

  it('always needs the confirmation in production, even for listed and loopback hosts', () => {
    const production = { ...base, environment: 'production' };
    expect(() => checkTargetGuard({ ...production, targetUrl: 'http://127.0.0.1:54321' })).toThrow(ConfigError);
    expect(() =>
      checkTargetGuard({ ...production, targetUrl: 'https://abc.supabase.co', allowedTargets: ['abc.supabase.co'] }),
    ).toThrow(/-e production/);
    expect(() =>
      checkTargetGuard({ ...production, targetUrl: 'http://127.0.0.1:54321', confirmTarget: '127.0.0.1' }),
    ).not.toThrow();
  });

  it('names SIM_CONFIRM_TARGET and exits with the usage code', () => {
    try {
      checkTargetGuard({ ...base, targetUrl: 'https://abc.supabase.co' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe('SIM_CONFIRM_TARGET');
      expect((error as ConfigError).exitCode).toBe(2);
    }
  });
});
