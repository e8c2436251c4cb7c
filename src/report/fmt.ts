/** @module Number, time and duration formatting shared by the HTML report and the CLI tables (fixed en-US, UTC). */

const formatters = new Map<number, Intl.NumberFormat>();

function decimals(value: number, maxFractionDigits: number): string {
  let format = formatters.get(maxFractionDigits);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { maximumFractionDigits: maxFractionDigits });
    formatters.set(maxFractionDigits, format);
  }
  return format.format(value);
}

const DASH = '–';

/** Formatters return `–` for null, undefined and non-finite values. */
export const fmt = {
  /** `12,345` */
  count: (value: number | null | undefined): string => (isNumber(value) ? decimals(value, 0) : DASH),
  /** `1,234.57`: up to two decimals, for values of unknown unit */
  number: (value: number | null | undefined): string => (isNumber(value) ? decimals(value, 2) : DASH),
  /** `13.9 ms` */
  ms: (value: number | null | undefined): string => (isNumber(value) ? `${decimals(value, 1)} ms` : DASH),
  /** `40.4/s` */
  rate: (value: number | null | undefined): string => (isNumber(value) ? `${decimals(value, 1)}/s` : DASH),
  /** `13.29 %` */
  pct: (value: number | null | undefined): string => (isNumber(value) ? `${decimals(value, 2)} %` : DASH),
  /** `+20.1 %` */
  signedPct: (value: number | null | undefined): string =>
    isNumber(value) ? `${sign(value)}${decimals(value, 1)} %` : DASH,
  /** `+0.52 pp` (percentage points) */
  signedPp: (value: number | null | undefined): string =>
    isNumber(value) ? `${sign(value)}${decimals(value, 2)} pp` : DASH,
  /** `1.2 MB` */
  bytes: (value: number): string =>
    value >= 1_048_576
      ? `${decimals(value / 1_048_576, 1)} MB`
      : value >= 1024
        ? `${decimals(value / 1024, 1)} KB`
        : `${value} B`,
  /** `2026-11-28 15:27:17 UTC` from epoch ms or an ISO string */
  time: (value: number | string | null | undefined): string => {
    if (value === null || value === undefined) return DASH;
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? DASH : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  },
  /** `24.7 s`, `12 min 5 s`, `1 h 0 min 5 s` */
  duration: (seconds: number | null | undefined): string => {
    if (!isNumber(seconds)) return DASH;
    if (seconds < 60) return `${decimals(seconds, 1)} s`;
    const whole = Math.round(seconds);
    const h = Math.floor(whole / 3600);
    const min = Math.floor((whole % 3600) / 60);
    const s = whole % 60;
    return h > 0 ? `${h} h ${min} min ${s} s` : `${min} min ${s} s`;
  },
};

function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function sign(value: number): string {
  return value > 0 ? '+' : '';
}
