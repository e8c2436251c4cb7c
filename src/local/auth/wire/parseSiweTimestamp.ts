/**
 * @module SIWE timestamps (Issued At, Expiration Time, Not Before) as GoTrue's SIWE parser reads them:
 * Go's `time.Parse(time.RFC3339, ...)` with nanosecond precision.
 */

/** An instant with Go's nanosecond precision; `date` is the instant floored to the millisecond. */
export interface SiweTimestamp {
  epochNanos: bigint;
  date: Date;
}

const NANOS_PER_MILLI = 1_000_000n;

// Go's general layout parser (the fallback after its strict fast path, and a superset of it):
// 4-digit year, 2-digit month/day/minute/second, 1- or 2-digit hour, optional `.` or `,`
// fraction of any length (digits after the ninth are ignored), `Z` or `±hh:mm`.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d+))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Builds a SiweTimestamp from epoch nanoseconds. */
function timestampFromNanos(epochNanos: bigint): SiweTimestamp {
  let millis = epochNanos / NANOS_PER_MILLI;
  if (epochNanos % NANOS_PER_MILLI < 0n) millis -= 1n;
  return { epochNanos, date: new Date(Number(millis)) };
}

/** Epoch nanoseconds of a JavaScript Date. */
export function nanosOfDate(date: Date): bigint {
  return BigInt(date.getTime()) * NANOS_PER_MILLI;
}

/** Go's zero `time.Time` (0001-01-01T00:00:00Z), which `IsZero()` tests for. */
export const ZERO_TIME_NANOS = -62135596800000n * NANOS_PER_MILLI;

/**
 * Parses an RFC 3339 timestamp exactly as Go's `time.Parse(time.RFC3339, value)` accepts it;
 * undefined when Go would return an error.
 */
export function parseSiweTimestamp(value: string): SiweTimestamp | undefined {
  const match = RFC3339.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, sign, tzHour, tzMinute] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (day < 1 || day > daysIn(month, year)) return undefined;
  let offsetSeconds = 0;
  if (sign) {
    const offsetHours = Number(tzHour);
    const offsetMinutes = Number(tzMinute);
    // Go's range check on offsets uses > rather than >=
    if (offsetHours > 24 || offsetMinutes > 60) return undefined;
    offsetSeconds = (offsetHours * 60 + offsetMinutes) * 60 * (sign === '-' ? -1 : 1);
  }
  const nanos = fraction ? BigInt(fraction.slice(0, 9).padEnd(9, '0')) : 0n;
  const civil = new Date(0);
  civil.setUTCFullYear(year, month - 1, day);
  civil.setUTCHours(hour, minute, second, 0);
  const epochNanos = BigInt(civil.getTime()) * NANOS_PER_MILLI + nanos - BigInt(offsetSeconds) * 1_000_000_000n;
  return timestampFromNanos(epochNanos);
}
