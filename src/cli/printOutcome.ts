/** @module The console lines of a report outcome (`report`, `merge`): gates, checks, the verdict's reasons, files, the verdict. */
import { redactString } from '../log/index.ts';
import { fmt } from '../report/fmt.ts';
import type { RunReportOutcome } from '../report/writeRunReport.ts';

/** Prints one line per gate and check, then why the run failed, where the files are and the verdict. */
export function printOutcome(outcome: RunReportOutcome, print: (line: string) => void = console.log): void {
  if (outcome.gatesFrom) print(`gates from ${outcome.gatesFrom}`);
  for (const gate of outcome.gates ?? [])
    print(`${gate.passed ? 'ok' : 'fail'}: ${gate.name}${gate.strict ? '' : ' (optional)'}`);
  for (const check of outcome.checks ?? []) print(redactString(`${check.verdict}: ${check.name}: ${check.summary}`));
  for (const reason of outcome.verdict.reasons) {
    if (reason.kind !== 'gates' && reason.kind !== 'checks') print(redactString(`fail: ${reason.message}`));
  }
  for (const note of outcome.verdict.notes) print(note);
  print(
    `report: ${outcome.reportPath} (${fmt.bytes(outcome.reportBytes)})${outcome.junitPath ? `, JUnit: ${outcome.junitPath}` : ''}`,
  );
  print(`verdict: ${redactString(outcome.verdict.label)}`);
}
