/** @module JUnit XML for CI test tabs: one testsuite for the ensure gates, one for health checks, one for the baseline comparison. */
import { redactString } from '../log/index.ts';
import type { RunComparison } from './compareRuns.ts';
import type { GateResult } from './evaluateGates.ts';
import { comparisonRowText } from './comparisonRowText.ts';
import type { HealthCheckResult } from '../health/healthCheckResult.ts';
import type { Verdict, VerdictReasonKind } from './runVerdict.ts';

/** One JUnit test case: passed, a `<failure>` or `<skipped>`. */
export interface TestCase {
  name: string;
  outcome: 'pass' | 'fail' | 'skip';
  message?: string;
  detail?: string;
}

/**
 * Renders the run's verdict (when given), gates and health checks (and a baseline comparison when
 * given) as JUnit XML. A failed strict gate, a failed check or a failed run rule is a `<failure>`; a
 * failed optional gate, a skipped check and an interrupt are `<skipped>`, so CI shows them without
 * failing the build. All text is redacted and XML-escaped.
 */
export function junit(parts: {
  gates?: readonly GateResult[] | undefined;
  checks?: readonly HealthCheckResult[] | undefined;
  comparison?: RunComparison | undefined;
  /** the run's verdict: its run-level rules become the `rocket-sim.run` suite */
  verdict?: Verdict | undefined;
  /** further suites (a capacity run's steps) */
  suites?: readonly { name: string; cases: TestCase[] }[] | undefined;
}): string {
  const suites: { name: string; cases: TestCase[] }[] = [
    ...(parts.verdict ? [{ name: 'rocket-sim.run', cases: runCases(parts.verdict) }] : []),
    { name: 'rocket-sim.gates', cases: (parts.gates ?? []).map(gateCase) },
    { name: 'rocket-sim.checks', cases: (parts.checks ?? []).map(checkCase) },
  ];
  if (parts.comparison) suites.push({ name: 'rocket-sim.baseline', cases: comparisonCases(parts.comparison) });
  suites.push(...(parts.suites ?? []));
  const count = (cases: TestCase[], outcome: TestCase['outcome']) => cases.filter((c) => c.outcome === outcome).length;
  const all = suites.flatMap((suite) => suite.cases);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="rocket-sim" tests="${all.length}" failures="${count(all, 'fail')}" skipped="${count(all, 'skip')}">`,
    ...suites.flatMap((suite) => [
      `  <testsuite name="${xml(suite.name)}" tests="${suite.cases.length}" failures="${count(suite.cases, 'fail')}" errors="0" skipped="${count(suite.cases, 'skip')}">`,
      ...suite.cases.map((testCase) => testCaseXml(suite.name, testCase)),
      '  </testsuite>',
    ]),
    '</testsuites>',
    '',
  ].join('\n');
}

/** The run-level rules of the verdict, one case each, so a CI tab names the rule that failed the run. */
const RUN_RULES: { name: string; kinds: VerdictReasonKind[] }[] = [
  { name: 'the run sent requests', kinds: ['no_requests'] },
  { name: 'virtual users completed', kinds: ['every_virtual_user_failed', 'virtual_users_failed'] },
  { name: 'gates were found', kinds: ['no_gates'] },
  { name: 'the run ran its course', kinds: ['ended_early', 'aborted'] },
];

function runCases(verdict: Verdict): TestCase[] {
  return RUN_RULES.map(({ name, kinds }) => {
    const failed = verdict.reasons.filter((reason) => kinds.includes(reason.kind));
    if (failed.length > 0) {
      const message = failed.map((reason) => reason.message).join('; ');
      return { name, outcome: 'fail', message, detail: message };
    }
    if (name === 'the run ran its course' && verdict.notes.length > 0) {
      return { name, outcome: 'skip', message: verdict.notes.join('; ') };
    }
    return { name, outcome: 'pass' };
  });
}

function gateCase(gate: GateResult): TestCase {
  const detail = `expression: ${gate.expression}\nvalue: ${JSON.stringify(gate.value)}${gate.error ? `\nerror: ${gate.error}` : ''}`;
  if (gate.passed) return { name: gate.name, outcome: 'pass' };
  const message = `${gate.name} failed (value: ${JSON.stringify(gate.value)})`;
  return gate.strict
    ? { name: gate.name, outcome: 'fail', message, detail }
    : { name: gate.name, outcome: 'skip', message: `optional check failed: ${message}`, detail };
}

function checkCase(check: HealthCheckResult): TestCase {
  if (check.verdict === 'pass') return { name: check.name, outcome: 'pass' };
  const rows = check.offendingRows ?? [];
  const detail =
    rows.length === 0 ? check.summary : `${check.summary}\n${rows.map((row) => JSON.stringify(row)).join('\n')}`;
  return { name: check.name, outcome: check.verdict, message: check.summary, detail };
}

function comparisonCases(comparison: RunComparison): TestCase[] {
  return comparison.rows
    .filter((row) => row.kind !== 'endpointP95')
    .map((row): TestCase => {
      const text = comparisonRowText(row);
      const message = `${text.metric}: baseline ${text.baseline}, current ${text.current} (${text.change}, limit ${text.limit})`;
      return row.status === 'fail' ? { name: row.name, outcome: 'fail', message } : { name: row.name, outcome: 'pass' };
    });
}

function testCaseXml(suite: string, testCase: TestCase): string {
  const open = `    <testcase classname="${xml(suite)}" name="${xml(testCase.name)}"`;
  if (testCase.outcome === 'pass') return `${open}/>`;
  const element = testCase.outcome === 'fail' ? 'failure' : 'skipped';
  const body = testCase.detail ? `>${xml(testCase.detail)}</${element}>` : '/>';
  return `${open}>\n      <${element} message="${xml(testCase.message ?? '')}"${body}\n    </testcase>`;
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Redacts, drops characters XML 1.0 forbids (control characters), escapes markup; safe in text and attributes. */
function xml(value: string): string {
  return redactString(value)
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (char) => XML_ENTITIES[char] ?? char);
}
