/**
 * @module Why a capacity step failed, from the database's side, when it was sampled
 * (`database.json` of src/dbwatch): when most of the sampled database sessions of the step's judged
 * time were waiting for a lock, the step's reason gains "mostly lock waits: … on <relation> <row>
 * (<waiting endpoint> behind <blocking endpoint>)", the row most waited for.
 */
import type { DatabaseWatch } from '../dbwatch/DatabaseWatch.ts';

/** Lock waits are the reason when they are more than this share of the sessions' busy samples. */
const MOSTLY = 0.5;

/** The database's reason for the span [fromMs, toMs), or undefined when it was not mostly lock waits. */
export function databaseReason(watch: DatabaseWatch | undefined, fromMs: number, toMs: number): string | undefined {
  if (!watch?.sampled) return undefined;
  const samples = watch.samples.filter((sample) => sample.at >= fromMs && sample.at < toMs);
  let lock = 0;
  let busy = 0;
  for (const sample of samples) {
    for (const [kind, sessions] of Object.entries(sample.waits)) {
      if (kind === 'Client' || kind === 'Hidden') continue;
      busy += sessions ?? 0;
      if (kind === 'Lock') lock += sessions ?? 0;
    }
  }
  if (busy === 0 || lock / busy <= MOSTLY) return undefined;
  const byRow = new Map<string, { count: number; waiting: string; blocking: string }>();
  for (const wait of samples.flatMap((sample) => sample.lockWaits)) {
    const key = `${wait.relation ?? wait.lockType}${wait.row ? ` ${wait.row}` : ''}`;
    const entry = byRow.get(key) ?? {
      count: 0,
      waiting: wait.waitingEndpoint,
      blocking: wait.blockingEndpoints.join(', '),
    };
    entry.count += 1;
    byRow.set(key, entry);
  }
  const [row, top] = [...byRow].sort((a, b) => b[1].count - a[1].count)[0] ?? [];
  const share = `${Math.round((lock / busy) * 100)} % of the database sessions' samples`;
  return top
    ? `mostly lock waits (${share}): on ${row} (${top.waiting} behind ${top.blocking || 'another session'})`
    : `mostly lock waits (${share})`;
}
