/**
 * @module Test support: a small OTLP/HTTP metrics receiver on a free loopback port. It decodes the JSON
 * encoding that Artillery's `otlp-http` exporter sends (`POST /v1/metrics`, `application/json`,
 * ExportMetricsServiceRequest) into data points with their attributes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One data point of one metric, attributes flattened to strings. */
export interface OtlpPoint {
  name: string;
  attributes: Record<string, string>;
  value: number;
  service: string | undefined;
}

export interface OtlpReceiver {
  /** the URL to give the exporter (`…/v1/metrics`) */
  url: string;
  /** every data point received so far */
  points: OtlpPoint[];
  /** requests that were not JSON metrics (content type, path) */
  rejected: string[];
  stop(): Promise<void>;
}

interface AnyValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
}
interface KeyValue {
  key: string;
  value: AnyValue;
}
interface DataPoint {
  attributes?: KeyValue[];
  asDouble?: number;
  asInt?: string | number;
}
interface ExportRequest {
  resourceMetrics?: {
    resource?: { attributes?: KeyValue[] };
    scopeMetrics?: {
      metrics?: { name: string; sum?: { dataPoints?: DataPoint[] }; gauge?: { dataPoints?: DataPoint[] } }[];
    }[];
  }[];
}

const text = (value: AnyValue): string =>
  String(value.stringValue ?? value.intValue ?? value.doubleValue ?? value.boolValue ?? '');
const flat = (attributes: KeyValue[] | undefined): Record<string, string> =>
  Object.fromEntries((attributes ?? []).map((kv) => [kv.key, text(kv.value)]));

function decode(body: ExportRequest): OtlpPoint[] {
  return (body.resourceMetrics ?? []).flatMap((resource) => {
    const service = flat(resource.resource?.attributes)['service.name'];
    return (resource.scopeMetrics ?? []).flatMap((scope) =>
      (scope.metrics ?? []).flatMap((metric) =>
        [...(metric.sum?.dataPoints ?? []), ...(metric.gauge?.dataPoints ?? [])].map((point) => ({
          name: metric.name,
          attributes: flat(point.attributes),
          value: Number(point.asDouble ?? point.asInt ?? Number.NaN),
          service,
        })),
      ),
    );
  });
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const points: OtlpPoint[] = [];
  const rejected: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const type = req.headers['content-type'] ?? '';
      if (req.method !== 'POST' || req.url !== '/v1/metrics' || !type.startsWith('application/json')) {
        rejected.push(`${req.method} ${req.url} ${type}`);
        res.writeHead(415).end();
        return;
      }
      points.push(...decode(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ExportRequest));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/metrics`,
    points,
    rejected,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
