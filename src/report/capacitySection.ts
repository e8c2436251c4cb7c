/**
 * @module The Capacity section of report.html for a capacity run (capacity.json beside the
 * results): the answer (holds, breaks at, or why there is none) and every step judged.
 */
import type { CapacityFile } from '../capacity/loadCapacityFile.ts';
import { fmt } from './fmt.ts';
import { htmlText as t } from './htmlText.ts';

/** The section, or an empty string for a run that was no capacity run. */
export function capacitySection(capacity: CapacityFile | undefined): string {
  if (!capacity) return '';
  const rows = capacity.steps
    .map(
      (step) =>
        `<tr data-step="${step.index + 1}" data-verdict="${t(step.verdict)}"><td class="num">${step.index + 1}</td><td class="num">${t(fmt.count(step.load))}</td><td class="num">${t(fmt.count(step.windows))}</td><td class="num">${t(fmt.rate(step.requestsPerSecond))}</td><td class="num">${t(fmt.ms(step.p50))}</td><td class="num">${t(fmt.ms(step.p95))}</td><td class="num">${t(fmt.ms(step.p99))}</td><td class="num">${t(fmt.pct(step.failureRate * 100))}</td><td>${t(step.verdict)}</td><td>${t(step.reason ?? '')}</td></tr>`,
    )
    .join('');
  return `<section id="capacity">
<h2>Capacity</h2>
<p class="capacity-answer" data-concluded="${capacity.concluded}">${t(capacity.summary)}</p>
<p class="muted">${t(`${capacity.unit} from ${capacity.from} to ${capacity.to} (×1.5 per step), ${capacity.stepSeconds} s per step, the first ${capacity.warmupSeconds} s of each not judged; ${capacity.steps.length} steps judged in ${capacity.ranSeconds} s of a ${capacity.plannedSeconds} s plan.`)}</p>
<table><thead><tr><th class="num">step</th><th class="num">${t(capacity.unit)}</th><th class="num">windows</th><th class="num">req/s</th><th class="num">p50</th><th class="num">p95</th><th class="num">p99</th><th class="num">failed</th><th>verdict</th><th>reason</th></tr></thead><tbody>${rows}</tbody></table>
</section>`;
}
