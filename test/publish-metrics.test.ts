/**
 * @module Metrics into the user's stack (issue 14, scope 2), end to end: a real `rocket-sim run once`
 * with `SIM_PUBLISH_METRICS` pushes its metrics through Artillery's publish-metrics plugin to Debian's
 * Prometheus Pushgateway and to an OTLP/HTTP receiver, both started here on loopback ports; the series
 * are read back with the run's labels. A bad value stops the run before anything is sent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from './support/runCli.ts';
import { startOtlpReceiver, type OtlpReceiver } from './support/publish/startOtlpReceiver.ts';
import { startStatsdReceiver, type StatsdReceiver } from './support/publish/startStatsdReceiver.ts';
import {
  PUSHGATEWAY_BIN,
  startPushgateway,
  type Pushgateway,
  type Series,
} from './support/publish/startPushgateway.ts';
import { tempDir, type TempDir } from './support/tempDir.ts';

const RUN_ID = 'publish-test-run';
/** a password in the Pushgateway URL: the gateway ignores it, no file of the run may show it */
const PASSWORD = 'pushgateway-secret-4f1d2a';
const LABELS = { run_id: RUN_ID, scenario: 'once', environment: 'local' };

let work: TempDir;
let gateway: Pushgateway;
let otlp: OtlpReceiver;
let statsd: StatsdReceiver;
let run: CliResult;
let series: Series[] = [];

describe.skipIf(!existsSync(PUSHGATEWAY_BIN))('SIM_PUBLISH_METRICS', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    work = tempDir('publish-metrics');
    [gateway, otlp, statsd] = await Promise.all([startPushgateway(), startOtlpReceiver(), startStatsdReceiver()]);
    run = await runCli(['run', 'once', '--out', join(work.path, 'run')], {
      env: {
        SIM_RUN_ID: RUN_ID,
        SIM_PUBLISH_METRICS: `prometheus=${gateway.url.replace('//', `//loadtest:${PASSWORD}@`)},otlp=${otlp.url},statsd=${statsd.address}`,
      },
      timeoutMs: 200_000,
    });
    series = await gateway.series();
  }, 240_000);

  afterAll(async () => {
    await Promise.all([gateway?.stop(), otlp?.stop(), statsd?.stop()]);
    work?.remove();
  });

  const find = (name: string, metric: string) =>
    series.find((entry) => entry.name === name && entry.labels.metric === metric);

  it('pushes http.requests, a latency percentile and rocket.* counters to the Pushgateway with the run labels', () => {
    // on a loaded machine a gate may fail (exit code 1): what is published does not depend on it
    expect([0, 1], run.stdout.slice(-2000) + run.stderr.slice(-2000)).toContain(run.code);
    const requests = find('artillery_counters', 'http_requests');
    const p95 = find('artillery_summaries', 'http_response_time_p95');
    const signIns = find('artillery_counters', 'rocket_wallet_authenticated');
    for (const entry of [requests, p95, signIns]) {
      expect(entry, JSON.stringify(series.slice(0, 20))).toBeDefined();
      expect(entry!.labels).toMatchObject(LABELS);
    }
    expect(requests!.value).toBeGreaterThan(0);
    expect(p95!.value).toBeGreaterThan(0);
    expect(signIns!.value).toBeGreaterThan(0);
    console.info(
      `pushgateway: http_requests ${requests!.value}, http_response_time_p95 ${p95!.value} ms, rocket_wallet_authenticated ${signIns!.value}, labels ${JSON.stringify(requests!.labels)}`,
    );
  });

  it('exports the same metrics over OTLP/HTTP (JSON), each data point carrying the run labels', () => {
    expect(otlp.rejected).toEqual([]);
    const names = new Set(otlp.points.map((point) => point.name));
    for (const name of ['http.requests', 'http.response_time.p95', 'rocket.wallet_authenticated'])
      expect(names, name).toContain(name);
    for (const point of otlp.points) expect(point.attributes).toMatchObject(LABELS);
    expect(otlp.points.every((point) => point.service === 'rocket-sim')).toBe(true);
    const requests = otlp.points
      .filter((point) => point.name === 'http.requests')
      .reduce((sum, point) => sum + point.value, 0);
    // the Pushgateway keeps the last push, which may precede the final window: at least what it holds
    expect(requests).toBeGreaterThanOrEqual(find('artillery_counters', 'http_requests')?.value ?? 0);
    expect(requests).toBeGreaterThan(0);
  });

  it('sends StatsD counters and gauges tagged with the run labels (DogStatsD tags)', () => {
    const byName = (name: string) => statsd.metrics.filter((metric) => metric.name === name);
    const requests = byName('artillery.http.requests');
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((metric) => metric.type === 'c')).toBe(true);
    expect(requests.reduce((sum, metric) => sum + metric.value, 0)).toBeGreaterThanOrEqual(
      find('artillery_counters', 'http_requests')?.value ?? 0,
    );
    expect(byName('artillery.http.response_time.p95')[0]?.type).toBe('g');
    expect(byName('artillery.rocket.wallet_authenticated').length).toBeGreaterThan(0);
    for (const metric of statsd.metrics) expect(metric.tags).toMatchObject(LABELS);
  });

  it("never shows a credential of the publishing settings in the run's output or files", () => {
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    const dir = join(work.path, 'run');
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file), 'utf8'), file).not.toContain(PASSWORD);
  });

  it('refuses a value it cannot use with one line naming the variable, before anything is sent', async () => {
    const bad = await runCli(['run', 'once', '--out', join(work.path, 'bad')], {
      env: { SIM_PUBLISH_METRICS: 'graphite=127.0.0.1:2003' },
      timeoutMs: 60_000,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/SIM_PUBLISH_METRICS/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(work.path, 'bad', 'results.json'))).toBe(false);
  });
});
