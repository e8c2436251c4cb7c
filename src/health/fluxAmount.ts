/** @module FLUX amounts as exact integers of 10^-18 (numeric(38,18)), so sums over many rows never round. */
import { formatUnits, parseUnits } from 'viem';
import { HealthDataError } from './HealthDataError.ts';

const DECIMALS = 18;
const DECIMAL = /^-?\d+(\.\d{1,18})?$/;

/**
 * Parses a decimal as PostgreSQL prints `numeric::text` (`-10.500000000000000000`) into 10^-18 units.
 * The checks select amounts with a `::text` cast because JSON numbers lose digits past 2^53.
 * `field` names the column in the error; anything else is a HealthDataError.
 */
export function fluxAmount(value: unknown, field: string): bigint {
  if (typeof value !== 'string' || !DECIMAL.test(value)) {
    throw new HealthDataError(
      `${field}: expected a decimal with at most ${DECIMALS} places, got ${JSON.stringify(value)}`,
    );
  }
  return parseUnits(value, DECIMALS);
}

/** `10500000000000000000n` → `"10.5"`: the shortest exact decimal, for summaries and offending rows. */
export function formatFlux(units: bigint): string {
  return formatUnits(units, DECIMALS);
}
