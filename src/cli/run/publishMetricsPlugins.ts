/**
 * @module `SIM_PUBLISH_METRICS` → the `publish-metrics` entry of the run's `ARTILLERY_PLUGINS` (the
 * environment, never the command line, so API keys stay out of process lists and logs). Every
 * reporter gets the run's labels: `run_id`, `scenario` and `environment` as `tags` (Prometheus,
 * StatsD, Datadog) or `metrics.attributes` (OpenTelemetry). Secrets in the reporters' settings (API
 * keys, header values, passwords in URLs) are registered with the redactor.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { PublishDestination, PublishMetricsSpec } from '../../config/parsePublishMetrics.ts';
import { ConfigError } from '../../errors/index.ts';
import { registerSecret } from '../../log/index.ts';

const VARIABLE = 'SIM_PUBLISH_METRICS';

/** One reporter of Artillery's publish-metrics plugin (its own format: `type` plus the reporter's options). */
type Reporter = { type: string } & Record<string, unknown>;

export interface RunLabels {
  runId: string;
  scenario: string;
  environment: string;
}

/** Setting names whose values are credentials, in any reporter. */
const SECRET_KEY = /key|token|secret|password|authorization/i;

/** The list form as reporters: Artillery's names and defaults for each destination. */
function fromDestination(destination: PublishDestination): Reporter {
  switch (destination.kind) {
    case 'prometheus':
      return { type: 'prometheus', pushgateway: destination.url };
    case 'otlp':
      return {
        type: 'open-telemetry',
        serviceName: 'rocket-sim',
        metrics: { exporter: 'otlp-http', endpoint: destination.url },
      };
    case 'statsd':
      return { type: 'statsd', host: destination.host, port: destination.port };
    case 'datadog':
      return { type: 'datadog', host: destination.host, port: destination.port };
  }
}

/** The `publish-metrics` list of a YAML/JSON file: at the top level or under `config.plugins` (an Artillery config). */
function fromFile(path: string): Reporter[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(VARIABLE, `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    throw new ConfigError(VARIABLE, `${path} is not valid YAML or JSON`);
  }
  const root = (doc ?? {}) as Record<string, unknown>;
  const config = root.config as { plugins?: Record<string, unknown> } | undefined;
  const list = root['publish-metrics'] ?? config?.plugins?.['publish-metrics'];
  if (!Array.isArray(list) || list.length === 0) {
    throw new ConfigError(VARIABLE, `${path} has no publish-metrics list (at the top level or under config.plugins)`);
  }
  return list.map((entry, index) => {
    if (!entry || typeof entry !== 'object' || typeof (entry as { type?: unknown }).type !== 'string')
      throw new ConfigError(VARIABLE, `${path}: publish-metrics entry ${index + 1} needs a type (prometheus, ...)`);
    return entry as Reporter;
  });
}

/** Registers every credential-looking value (by setting name, or a password in a URL) with the redactor. */
function registerSecrets(value: unknown, key = ''): void {
  if (typeof value === 'string') {
    if (SECRET_KEY.test(key)) registerSecret(value);
    if (/^https?:\/\//.test(value)) {
      const url = URL.parse(value);
      if (url?.password) registerSecret(decodeURIComponent(url.password));
    }
  } else if (Array.isArray(value)) {
    for (const item of value) registerSecrets(item, key);
  } else if (value && typeof value === 'object') {
    for (const [name, item] of Object.entries(value)) registerSecrets(item, name);
  }
}

/** The reporter with the run's labels added; a label the user set keeps the user's value. */
function labelled(reporter: Reporter, labels: RunLabels): Reporter {
  // Artillery's Prometheus reporter splits each tag at its first ':' and keeps the part after it only
  const value = (text: string) => (reporter.type === 'prometheus' ? text.replaceAll(':', '_') : text);
  const ours = { run_id: value(labels.runId), scenario: value(labels.scenario), environment: labels.environment };
  if (reporter.type === 'open-telemetry') {
    const metrics = (reporter.metrics ?? {}) as Record<string, unknown>;
    const attributes = { ...ours, ...((metrics.attributes as Record<string, unknown> | undefined) ?? {}) };
    return { ...reporter, metrics: { ...metrics, attributes } };
  }
  const tags = Array.isArray(reporter.tags) ? (reporter.tags as unknown[]).map(String) : [];
  const set = new Set(tags.map((tag) => tag.split(':')[0]));
  const added = Object.entries(ours)
    .filter(([name]) => !set.has(name))
    .map(([name, value]) => `${name}:${value}`);
  return { ...reporter, tags: [...tags, ...added] };
}

/**
 * The plugins entry to merge into `ARTILLERY_PLUGINS`: `{}` when nothing is published, else
 * `{ "publish-metrics": [...] }`. ConfigError (exit code 2, nothing sent) for a file that cannot be
 * read or holds no usable list.
 */
export function publishMetricsPlugins(
  spec: PublishMetricsSpec | undefined,
  labels: RunLabels,
): Record<string, Reporter[]> {
  if (!spec) return {};
  const reporters = 'file' in spec ? fromFile(spec.file) : spec.destinations.map(fromDestination);
  registerSecrets(reporters);
  return { 'publish-metrics': reporters.map((reporter) => labelled(reporter, labels)) };
}
