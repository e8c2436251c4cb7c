/**
 * @module A capacity run in JUnit: one test case per step judged (a failing step is a failure with
 * its reason, an inconclusive one is skipped), and one for the search itself, so a CI tab shows
 * where the backend broke and whether the search found an answer.
 */
import type { TestCase } from '../report/junit.ts';
import type { CapacityOutcome } from './capacityOutcome.ts';

/** The cases of the `rocket-sim.capacity` suite. */
export function capacityJunitCases(outcome: CapacityOutcome): TestCase[] {
  const steps = outcome.steps.map((step): TestCase => {
    const name = `step ${step.index + 1}: ${step.load} ${outcome.unit}`;
    if (step.verdict === 'pass') return { name, outcome: 'pass' };
    const message = step.reason ?? step.verdict;
    return step.verdict === 'fail'
      ? { name, outcome: 'fail', message, detail: message }
      : { name, outcome: 'skip', message: `inconclusive: ${message}` };
  });
  const search: TestCase = outcome.concluded
    ? { name: 'the search found the capacity', outcome: 'pass' }
    : { name: 'the search found the capacity', outcome: 'fail', message: outcome.summary, detail: outcome.summary };
  return [...steps, search];
}
