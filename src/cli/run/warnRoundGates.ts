/**
 * @module The start-of-run warning for gates that need a whole auction round when the embedded
 * stack cannot fit one in the run: the schema hard-codes its cadence (the round flags cannot shorten
 * it) or defines no tick function, so no round starts at all.
 */
import type { AuctionTicker } from '../../local/index.ts';
import type { Logger } from '../../log/index.ts';
import type { EnsureConfig } from '../../report/ensureConfig.ts';

/** Counters only a round's submission and bidding phases produce. */
const ROUND_COUNTERS = /rocket\.auction_(submitted|bid)\b/;

/** The `ensure` conditions that read round counters. */
function roundGates(ensure: EnsureConfig | undefined): string[] {
  return (ensure?.conditions ?? []).flatMap((condition) => {
    const expression = (condition as { expression?: unknown } | null)?.expression;
    return typeof expression === 'string' && ROUND_COUNTERS.test(expression) ? [expression] : [];
  });
}

/**
 * Logs `round_gates_at_risk` (warn) when the scenario gates on round counters and the stack's
 * rounds cannot be shortened to fit; returns the gates it named.
 */
export function warnRoundGates(input: {
  scenario: string;
  ensure: EnsureConfig | undefined;
  ticker: AuctionTicker | undefined;
  plannedSeconds: number;
  log: Logger;
}): string[] {
  const gates = roundGates(input.ensure);
  const status = input.ticker?.status();
  if (gates.length === 0 || status?.cadence === 'settings') return [];
  const why = status
    ? `the schema hard-codes its auction cadence (no public.auction_settings; --auction-round and --auction-submissions cannot shorten it), so the ${input.plannedSeconds}-s run is likely shorter than one round`
    : 'the database defines no tick function the stack could run (--tick-function), so no auction round starts';
  input.log.warn({
    event: 'round_gates_at_risk',
    scenario: input.scenario,
    cadence: status?.cadence ?? 'no ticker',
    plannedSeconds: input.plannedSeconds,
    gates,
    message: `${input.scenario}: ${why}; these gates cannot pass unless a submission and a bidding phase fall into the run: ${gates.join('; ')}`,
  });
  return gates;
}
