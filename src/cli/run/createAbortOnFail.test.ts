import { describe, expect, it } from 'vitest';
import { abortOnFailGates, createAbortOnFail } from './createAbortOnFail.ts';

const ensure = {
  thresholds: [{ 'http.response_time.p95': 1500 }],
  conditions: [{ expression: 'rocket.cycle_error == 0' }],
};
const slow = { counters: { 'http.responses': 40 }, summaries: { 'http.response_time': { p95: 3010 } } };
const fast = { counters: { 'http.responses': 40 }, summaries: { 'http.response_time': { p95: 12 } } };
const quiet = { counters: {}, summaries: {} };

describe('abortOnFailGates', () => {
  it('--abort-on-fail watches every threshold and legacy key, not plain conditions', () => {
    expect(abortOnFailGates({ ...ensure, p99: 3000 }, true)).toEqual({
      thresholds: ensure.thresholds,
      conditions: [],
      p99: 3000,
    });
  });

  it('without the flag only entries marked abortOnFail: true, strict ones', () => {
    const marked = { 'http.response_time.p99': 3000, abortOnFail: true };
    const condition = { expression: 'vusers.failed == 0', abortOnFail: true };
    const lenient = { expression: 'rocket.box_opened > 0', abortOnFail: true, strict: false };
    expect(
      abortOnFailGates({ thresholds: [...ensure.thresholds, marked], conditions: [condition, lenient] }, false),
    ).toEqual({ thresholds: [marked], conditions: [condition] });
  });
});

describe('createAbortOnFail', () => {
  it('aborts when the threshold failed in every window of the grace, with the gate and its value', () => {
    const rule = createAbortOnFail(ensure, { flag: true, graceSeconds: 20 });
    expect(rule.onWindow(slow)).toBeUndefined();
    expect(rule.onWindow(slow)).toBe(
      'http.response_time.p95 < 1500 failed in every window of the last 20 s (2 windows, last 3,010)',
    );
  });

  it('a passing window or one without the metric starts the count again', () => {
    const rule = createAbortOnFail(ensure, { flag: true, graceSeconds: 20 });
    for (const window of [slow, fast, slow, quiet, slow]) expect(rule.onWindow(window)).toBeUndefined();
    expect(rule.onWindow(slow)).toMatch(/^http.response_time.p95 < 1500 failed/);
  });

  it('grace 0 aborts on the first failed window; no watched gate never aborts', () => {
    expect(createAbortOnFail(ensure, { flag: true, graceSeconds: 0 }).onWindow(slow)).toMatch(/last 10 s \(1 window,/);
    const idle = createAbortOnFail(ensure, { flag: false, graceSeconds: 0 });
    for (let i = 0; i < 5; i += 1) expect(idle.onWindow(slow)).toBeUndefined();
  });

  it('reads the rocket plugin stats messages and ignores the others', () => {
    const rule = createAbortOnFail(ensure, { flag: true, graceSeconds: 10 });
    expect(rule.onMessage({ type: 'rocket:phase', name: 'play' })).toBeUndefined();
    expect(rule.onMessage({ type: 'rocket:stats', ...slow, at: 0 })).toMatch(/failed in every window/);
  });
});
