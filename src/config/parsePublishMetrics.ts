/**
 * @module The value of `SIM_PUBLISH_METRICS`: where a run's metrics go besides its own report, through
 * Artillery's bundled `publish-metrics` plugin. Either a list of destinations
 * (`prometheus=<Pushgateway URL>`, `otlp=<OTLP/HTTP metrics URL>`, `statsd=<host:port>`,
 * `datadog=<DogStatsD agent host:port>`) or the path of a YAML/JSON file holding a `publish-metrics`
 * list (any reporter and option of the plugin, API keys included), such as the user's own Artillery
 * config. Pure: the file is read by the run (`src/cli/run/publishMetricsPlugins.ts`).
 */
import { isHttpUrl } from './baseUrl.ts';

/** One destination written in the list form. */
export type PublishDestination =
  | { kind: 'prometheus' | 'otlp'; url: string }
  | { kind: 'statsd' | 'datadog'; host: string; port: number };

export type PublishMetricsSpec = { file: string } | { destinations: PublishDestination[] };

/** What the error message of a bad value shows (the value itself is never echoed: it may hold credentials). */
export const PUBLISH_METRICS_FORMAT =
  'must be a .yml/.yaml/.json file with a publish-metrics list, or a comma list of prometheus=<Pushgateway URL>, otlp=<OTLP/HTTP URL>, statsd=<host:port>, datadog=<host:port>';

function hostPort(raw: string): { host: string; port: number } | undefined {
  const match = /^([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(raw);
  const port = Number(match?.[2]);
  return match?.[1] && port >= 1 && port <= 65_535 ? { host: match[1], port } : undefined;
}

function destination(item: string): PublishDestination | undefined {
  const at = item.indexOf('=');
  const kind = item.slice(0, at).trim().toLowerCase();
  const value = item.slice(at + 1).trim();
  if (at < 0) return undefined;
  if (kind === 'prometheus' || kind === 'otlp') return isHttpUrl(value) ? { kind, url: value } : undefined;
  if (kind === 'statsd' || kind === 'datadog') {
    const address = hostPort(value);
    return address ? { kind, ...address } : undefined;
  }
  return undefined;
}

/** The parsed value, or undefined when it is neither a file name nor a list of known destinations. */
export function parsePublishMetrics(raw: string): PublishMetricsSpec | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  if (!value.includes('=') && /\.(ya?ml|json)$/i.test(value)) return { file: value };
  const destinations = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map(destination);
  if (destinations.length === 0 || destinations.some((item) => item === undefined)) return undefined;
  return { destinations: destinations as PublishDestination[] };
}
