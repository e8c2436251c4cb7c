import { describe, expect, it } from 'vitest';
import { createDashboardFeed } from './createDashboardFeed.ts';

describe('the dashboard feed', () => {
  it('judges the gates so far: no failed virtual user yet is 0, and lists only failures that happened', () => {
    const live = createDashboardFeed({
      scenario: 'smoke',
      plannedSeconds: 60,
      phaseCount: 2,
      ensure: { conditions: [{ expression: 'vusers.failed == 0' }] },
      now: () => 1_700_000_000_000,
    });
    live.onMessage({ type: 'rocket:phase', name: 'play', index: 1 });
    const update = live.onMessage({
      type: 'rocket:stats',
      period: 1_700_000_000_000,
      counters: { 'http.requests': 4, 'http.responses': 3, 'errors.ETIMEDOUT': 1, 'vusers.created': 2 },
    })!;
    expect(update.status.phase).toBe('play');
    expect(update.status.phaseIndex).toBe(2);
    expect(update.status.gates).toEqual([expect.objectContaining({ passed: true })]);
    expect(update.status.failures).toEqual([expect.objectContaining({ count: 1 })]);
    expect(live.finish().status).toMatchObject({ finished: true, remainingSeconds: 0 });
  });
});
