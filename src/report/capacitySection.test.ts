import { describe, expect, it } from 'vitest';
import { capacityOutcome } from '../capacity/capacityOutcome.ts';
import { capacitySteps } from '../capacity/capacitySteps.ts';
import { capacitySection } from './capacitySection.ts';

const steps = capacitySteps({ from: 5, to: 12, stepSeconds: 30, model: 'players' });
const figures = { windows: 1, requests: 40, requestsPerSecond: 4, p50: 10, p95: 20, p99: 30, failureRate: 0 };

describe('capacitySection', () => {
  it('the answer and a row per step judged, the reason escaped', () => {
    const { lines: _lines, ...file } = capacityOutcome({
      model: 'players',
      from: 5,
      to: 12,
      stepSeconds: 30,
      steps,
      judged: [
        { index: 0, load: 5, verdict: 'pass', ...figures },
        { index: 1, load: 8, verdict: 'fail', reason: 'p95 2,000 ms ≥ 1,500 ms <b>', ...figures },
      ],
      ranSeconds: 60,
      interrupted: false,
    });
    const html = capacitySection(file);
    expect(html).toContain(
      '<p class="capacity-answer" data-concluded="true">holds 5 players: 4 req/s, p95 20 ms (step 1); breaks at 8 players',
    );
    expect(html).toContain('<tr data-step="2" data-verdict="fail">');
    expect(html).toContain('p95 2,000 ms ≥ 1,500 ms &lt;b&gt;');
    expect(capacitySection(undefined)).toBe('');
  });
});
