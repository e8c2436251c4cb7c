import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadResults, type ArtilleryResults } from './artilleryResults.ts';
import { compareRuns } from './compareRuns.ts';
import { evaluateGates, type GateResult } from './evaluateGates.ts';
import { junit } from './junit.ts';
import { loadRunMeta, type RunMeta } from './runMeta.ts';
import { smallRunMetaPath, smallRunPath } from '../../test/support/report/resultsFixtures.ts';

let results: ArtilleryResults;
let runMeta: RunMeta;
let gates: GateResult[];
beforeAll(async () => {
  results = await loadResults(smallRunPath);
  runMeta = await loadRunMeta(smallRunMetaPath);
  gates = evaluateGates(runMeta.ensure ?? {}, results.aggregate);
});

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['testsuite', 'testcase'].includes(name),
});

interface Parsed {
  testsuites: {
    tests: string;
    failures: string;
    skipped: string;
    testsuite: {
      name: string;
      tests: string;
      failures: string;
      skipped: string;
      testcase: Record<string, unknown>[];
    }[];
  };
}

describe('junit', () => {
  it('is well-formed XML with one testsuite for gates and one for checks', () => {
    const xml = junit({ gates, checks: runMeta.checks });
    expect(XMLValidator.validate(xml)).toBe(true);
    const { testsuites } = parser.parse(xml) as Parsed;
    expect(testsuites.testsuite.map((suite) => [suite.name, suite.tests, suite.failures, suite.skipped])).toEqual([
      // 8 gates: 3 passed, 4 strict failures, 1 failed optional condition (skipped)
      ['rocket-sim.gates', '8', '4', '1'],
      // 3 checks: pass, fail, skip
      ['rocket-sim.checks', '3', '1', '1'],
    ]);
    expect(testsuites).toMatchObject({ tests: '11', failures: '5', skipped: '2' });
    const [gateSuite] = testsuites.testsuite;
    const failed = gateSuite?.testcase.find((testCase) => testCase.name === 'maxErrorRate < 5') as {
      failure: { message: string };
    };
    expect(failed.failure.message).toMatch(/^maxErrorRate < 5 failed \(value: 7\.63/);
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    const hostile: GateResult = {
      name: 'a < b && c > "d" \'e\'\u0001\u001b[31m',
      expression: ']]></failure><script>',
      value: null,
      passed: false,
      strict: true,
    };
    const xml = junit({
      gates: [hostile],
      checks: [{ name: '<check>', verdict: 'fail', summary: 'x & y', offendingRows: [{ k: '</testcase>' }] }],
    });
    expect(XMLValidator.validate(xml)).toBe(true);
    const { testsuites } = parser.parse(xml) as Parsed;
    // the parser decodes the entities: the name round-trips, minus the control characters
    expect(testsuites.testsuite[0]?.testcase[0]?.name).toBe('a < b && c > "d" \'e\'[31m');
    expect(xml).toContain('name="a &lt; b &amp;&amp; c &gt; &quot;d&quot; &apos;e&apos;[31m"');
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('\u0001');
  });

  it('adds a baseline suite when a comparison is given', () => {
    const xml = junit({ gates: [], checks: [], comparison: compareRuns(results, results) });
    expect(XMLValidator.validate(xml)).toBe(true);
    const { testsuites } = parser.parse(xml) as Parsed;
    expect(testsuites.testsuite.map((suite) => [suite.name, suite.tests, suite.failures])).toEqual([
      ['rocket-sim.gates', '0', '0'],
      ['rocket-sim.checks', '0', '0'],
      ['rocket-sim.baseline', '2', '0'],
    ]);
  });
});
