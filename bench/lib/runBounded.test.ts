import { describe, expect, it } from 'vitest';
import { runBounded } from './runBounded.ts';

describe('runBounded', () => {
  it('runs every index once, spread over the lanes', async () => {
    const seen: [number, number][] = [];
    const run = await runBounded({
      count: 10,
      concurrency: 3,
      deadlineMs: 60_000,
      task: async (index, lane) => {
        seen.push([index, lane]);
        await Promise.resolve();
      },
    });
    expect(run).toMatchObject({ done: 10, timedOut: false });
    expect(seen.map(([index]) => index).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(seen.map(([, lane]) => lane))).toEqual(new Set([0, 1, 2]));
  });
  it('starts no task after the deadline', async () => {
    const run = await runBounded({ count: 1_000_000, concurrency: 2, deadlineMs: -1, task: async () => {} });
    expect(run).toMatchObject({ done: 0, timedOut: true });
  });
  it('passes a failing task on', async () => {
    await expect(
      runBounded({
        count: 3,
        concurrency: 1,
        deadlineMs: 60_000,
        task: async (i) => {
          if (i === 1) throw new Error('boom');
        },
      }),
    ).rejects.toThrow('boom');
  });
});
