import { describe, expect, it } from 'vitest';
import { GENERATOR_METRICS as g, generatorWindow } from './generatorMetrics.ts';

describe('generatorWindow', () => {
  it('a window whose median event-loop p99 is above 200 ms is saturated, with the figure', () => {
    const window = generatorWindow({
      [g.eventLoopP99Ms]: { p50: 699.4 },
      [g.cpuPct]: { p50: 27 },
      [g.rssMb]: { max: 401 },
    });
    expect(window).toEqual({
      eventLoopP99Ms: 699.4,
      cpuPct: 27,
      rssMb: 401,
      saturated: true,
      reason: 'event-loop p99 699 ms > 200 ms',
    });
  });

  it('CPU at 95 % of a core is saturated too; a quiet generator is not; no samples judge nothing', () => {
    expect(generatorWindow({ [g.eventLoopP99Ms]: { p50: 20 }, [g.cpuPct]: { p50: 97 } }).reason).toBe(
      'CPU 97 % ≥ 95 % of a core',
    );
    expect(generatorWindow({ [g.eventLoopP99Ms]: { p50: 20 }, [g.cpuPct]: { p50: 30 } }).saturated).toBe(false);
    expect(generatorWindow({})).toMatchObject({ eventLoopP99Ms: null, saturated: false, reason: undefined });
  });
});
