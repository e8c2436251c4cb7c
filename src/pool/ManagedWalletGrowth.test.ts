import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPrng } from '../gameplay/prng.ts';
import { ManagedWalletGrowth, type GeneratedWalletEvent, type GenerationFailedEvent } from './ManagedWalletGrowth.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function fakePool(active: number, failAt: number[] = []) {
  let calls = 0;
  const state = { active };
  return {
    state,
    activeCount: async () => state.active,
    generate: async () => {
      calls += 1;
      if (failAt.includes(calls))
        throw Object.assign(new Error('insert into sim_wallet_keys failed: timeout'), { code: 'E_POOL_REQUEST' });
      state.active += 1;
      return { wallet: `0x${String(calls).padStart(40, '0')}`, kid: 'sim-local-v1' };
    },
  };
}

describe('ManagedWalletGrowth', () => {
  it('generates one wallet per random pause within [min, max] until the target is reached', async () => {
    const pool = fakePool(2);
    const prng = createPrng(7, 'growth');
    const draws: number[] = [];
    const growth = new ManagedWalletGrowth({
      targetCount: 5,
      intervalMs: { min: 1_000, max: 3_000 },
      random: () => {
        const value = prng.next();
        draws.push(value);
        return value;
      },
      ...pool,
    });
    const generated: GeneratedWalletEvent[] = [];
    const reached = vi.fn();
    growth.on('managed_wallet_generated', (event) => generated.push(event));
    growth.on('managed_wallet_target_reached', reached);
    growth.start();

    await vi.advanceTimersByTimeAsync(999);
    expect(generated).toHaveLength(0);
    const firstDelay = Math.round(1_000 + draws[0]! * 2_000);
    await vi.advanceTimersByTimeAsync(firstDelay - 999);
    expect(generated).toEqual([
      { wallet: `0x${'1'.padStart(40, '0')}`, source: 'simulator_generated', keyKid: 'sim-local-v1' },
    ]);

    await vi.advanceTimersByTimeAsync(3_000 * 4);
    expect(generated).toHaveLength(3);
    expect(pool.state.active).toBe(5);
    expect(reached).toHaveBeenCalledWith({ activeCount: 5, targetCount: 5 });
    expect(growth.running).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports a failed generation and carries on', async () => {
    const pool = fakePool(0, [1]);
    const growth = new ManagedWalletGrowth({
      targetCount: 1,
      intervalMs: { min: 10, max: 10 },
      random: () => 0.5,
      ...pool,
    });
    const failures: GenerationFailedEvent[] = [];
    growth.on('managed_wallet_generation_failed', (event) => failures.push(event));
    growth.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(failures).toEqual([{ message: 'insert into sim_wallet_keys failed: timeout', code: 'E_POOL_REQUEST' }]);
    await vi.advanceTimersByTimeAsync(10);
    expect(pool.state.active).toBe(1);
  });

  it('stops: no generation after stop(), and the timer does not hold the process', async () => {
    const pool = fakePool(0);
    const generate = vi.fn(pool.generate);
    const growth = new ManagedWalletGrowth({
      targetCount: 10,
      intervalMs: { min: 100, max: 100 },
      random: () => 0,
      activeCount: pool.activeCount,
      generate,
    });
    const unref = vi.spyOn(globalThis, 'setTimeout');
    growth.start();
    const timer = unref.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    await growth.stop();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(generate).not.toHaveBeenCalled();
    unref.mockRestore();
  });

  it('rejects an inverted interval', () => {
    expect(
      () =>
        new ManagedWalletGrowth({
          targetCount: 1,
          intervalMs: { min: 5, max: 1 },
          random: Math.random,
          ...fakePool(0),
        }),
    ).toThrow(RangeError);
  });
});
