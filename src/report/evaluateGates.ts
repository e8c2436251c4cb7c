/**
 * @module Re-evaluates Artillery's `ensure` checks on a results file, exactly as artillery-plugin-ensure 1.27
 * (Artillery 2.0.34) does at the end of a run, so the report shows the same verdicts plus the values behind them.
 */
import { createHash } from 'node:crypto';
import { compileExpression } from 'filtrex';
import type { MetricsPeriod } from './artilleryResults.ts';
import type { EnsureConfig } from './ensureConfig.ts';

const LEGACY_KEYS = ['min', 'max', 'median', 'p95', 'p99'] as const;

export interface GateResult {
  /** the check as Artillery prints it: `http.response_time.p99 < 500`, `p95 < 200`, `maxErrorRate < 1` */
  name: string;
  /** the expression evaluated, with metric names */
  expression: string;
  /**
   * The metric value behind a threshold, legacy or maxErrorRate check (null when the metric is missing);
   * for a condition, every metric it references, with null for those the run did not report.
   */
  value: number | null | Record<string, number | null>;
  passed: boolean;
  /** false for `strict: false` conditions: a failure is shown but does not fail the run */
  strict: boolean;
  /** why the check could not be evaluated (syntax error in the expression) */
  error?: string;
}

interface Check {
  name: string;
  expression: string;
  strict: boolean;
  /** the one metric of a threshold or legacy check */
  metric?: string;
  errorRate?: true;
  /** set when the config entry cannot be evaluated at all */
  error?: string;
}

/**
 * Evaluates every check of an `ensure` config against a run's aggregate, in Artillery's order:
 * thresholds, conditions, legacy percentile keys (in config order), then maxErrorRate.
 * Like Artillery, a check passes only when the expression yields exactly 1, so one that references a
 * metric the run did not report fails (`undefined < 5` is false), and a syntax error fails too.
 */
export function evaluateGates(config: EnsureConfig, aggregate: MetricsPeriod): GateResult[] {
  const vars = flattenMetrics(aggregate);
  const hashes = new Map([...vars.keys()].map((name) => [name, sha256(name)]));
  const hashToName = new Map([...hashes].map(([name, hash]) => [hash, name]));
  const values = Object.fromEntries([...vars].map(([name, value]) => [hashes.get(name), value]));
  return checksOf(config).map((check) => {
    // metric → value for every name the expression references, in the order filtrex reads them;
    // names it never read (short-circuited `and`/`or`) are added after
    const referenced = new Map<string, number | null>();
    const hashed = replaceMetricsWithHashes(hashes, check.expression);
    let result: unknown;
    let error = check.error;
    if (error === undefined) {
      try {
        const evaluate = compileExpression(hashed.expression, {
          customProp: (symbol, get) => {
            const value = get(symbol) as number | undefined;
            referenced.set(hashToName.get(symbol) ?? symbol, value ?? null);
            return value;
          },
        });
        result = evaluate(values);
        // filtrex returns runtime errors instead of throwing them
        if (result instanceof Error) error = result.message;
      } catch (compileError) {
        error = `cannot parse the expression: ${(compileError as Error).message.split('\n')[0]}`;
      }
    }
    for (const name of hashed.names) if (!referenced.has(name)) referenced.set(name, vars.get(name) ?? null);
    const value =
      check.metric !== undefined
        ? (vars.get(check.metric) ?? null)
        : check.errorRate
          ? errorRate(aggregate)
          : Object.fromEntries(referenced);
    return {
      name: check.name,
      expression: check.expression,
      value,
      passed: result === 1,
      strict: check.strict,
      ...(error === undefined ? {} : { error }),
    };
  });
}

function checksOf(config: EnsureConfig): Check[] {
  const checks: Check[] = [];
  for (const entry of config.thresholds ?? []) {
    if (typeof entry !== 'object' || entry === null) continue;
    // Artillery reads only the first key of each entry
    const metric = Object.keys(entry)[0];
    if (metric === undefined) continue;
    const expression = `${metric} < ${String((entry as Record<string, unknown>)[metric])}`;
    checks.push({ name: expression, expression, strict: true, metric });
  }
  for (const entry of config.conditions ?? []) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { expression, strict } = entry as { expression?: unknown; strict?: unknown };
    const isText = typeof expression === 'string';
    checks.push({
      name: isText ? expression : '(condition without expression)',
      expression: isText ? expression : '',
      strict: typeof strict === 'boolean' ? strict : true,
      ...(isText ? {} : { error: 'the condition has no `expression` string' }),
    });
  }
  for (const key of Object.keys(config)) {
    if (!(LEGACY_KEYS as readonly string[]).includes(key)) continue;
    const max = Number.parseInt(String(config[key as (typeof LEGACY_KEYS)[number]]), 10);
    const metric = `http.response_time.${key}`;
    checks.push({ name: `${key} < ${max}`, expression: `${metric} < ${max}`, strict: true, metric });
  }
  if (config.maxErrorRate !== undefined) {
    const max = Number(config.maxErrorRate);
    checks.push({
      name: `maxErrorRate < ${max}`,
      expression: `((vusers.created - vusers.completed)/vusers.created * 100) <= ${max}`,
      strict: true,
      errorRate: true,
    });
  }
  return checks;
}

/** `maxErrorRate`'s quantity: the share of virtual users that did not complete, in percent. */
function errorRate(aggregate: MetricsPeriod): number | null {
  const created = aggregate.counters['vusers.created'];
  const completed = aggregate.counters['vusers.completed'];
  return created === undefined || completed === undefined || created === 0
    ? null
    : ((created - completed) / created) * 100;
}

/**
 * Counters, then rates, then every summary aggregation as `<name>.<agg>`, in file order: the same
 * object Artillery builds (`EnsurePlugin.statsToVars`), whose key order decides substring matches.
 */
function flattenMetrics(aggregate: MetricsPeriod): Map<string, number> {
  const vars = new Map<string, number>();
  for (const [name, value] of Object.entries(aggregate.counters)) vars.set(name, value);
  for (const [name, value] of Object.entries(aggregate.rates)) vars.set(name, value);
  for (const [name, summary] of Object.entries(aggregate.summaries)) {
    for (const [aggregation, value] of Object.entries(summary)) vars.set(`${name}.${aggregation}`, value);
  }
  return vars;
}

/**
 * Artillery's `replaceMetricsWithHashes`: each metric name found anywhere in the expression (plain
 * substring match, in key order) becomes a quoted symbol `'<sha256>'`, so dots and dashes in names
 * survive filtrex's parser. Names the run did not report stay as they are and resolve to undefined.
 * Also returns the names it replaced.
 */
function replaceMetricsWithHashes(
  hashes: Map<string, string>,
  expression: string,
): { expression: string; names: string[] } {
  let out = expression;
  const names: string[] = [];
  for (const [name, hash] of hashes) {
    if (!out.includes(name)) continue;
    out = out.split(name).join(`'${hash}'`);
    names.push(name);
  }
  return { expression: out, names };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
