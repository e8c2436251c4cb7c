import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePublishMetrics } from '../../config/parsePublishMetrics.ts';
import { ConfigError } from '../../errors/index.ts';
import { redactString } from '../../log/index.ts';
import { tempDir } from '../../../test/support/tempDir.ts';
import { publishMetricsPlugins } from './publishMetricsPlugins.ts';

const labels = { runId: 'w1:pod-a', scenario: 'soak', environment: 'staging' };
const work = tempDir('publish-plugins');
afterAll(() => work.remove());

describe('SIM_PUBLISH_METRICS', () => {
  it('parses the list form and file names, and refuses anything else', () => {
    expect(
      parsePublishMetrics(
        'prometheus=http://127.0.0.1:9091, otlp=http://127.0.0.1:4318/v1/metrics,statsd=127.0.0.1:8125,datadog=localhost:8125',
      ),
    ).toEqual({
      destinations: [
        { kind: 'prometheus', url: 'http://127.0.0.1:9091' },
        { kind: 'otlp', url: 'http://127.0.0.1:4318/v1/metrics' },
        { kind: 'statsd', host: '127.0.0.1', port: 8125 },
        { kind: 'datadog', host: 'localhost', port: 8125 },
      ],
    });
    expect(parsePublishMetrics('./publish.yml')).toEqual({ file: './publish.yml' });
    for (const bad of ['', 'graphite=127.0.0.1:2003', 'prometheus=127.0.0.1:9091', 'statsd=127.0.0.1', 'metrics.txt'])
      expect(parsePublishMetrics(bad), bad).toBeUndefined();
  });

  it('labels every reporter with run id, scenario and environment, keeping what the user set', () => {
    const spec = parsePublishMetrics('prometheus=http://127.0.0.1:9091,otlp=http://127.0.0.1:4318/v1/metrics');
    expect(publishMetricsPlugins(undefined, labels)).toEqual({});
    const [prometheus, otlp] = publishMetricsPlugins(spec, labels)['publish-metrics']!;
    // the Prometheus reporter keeps only what follows a tag's first ':'
    expect(prometheus).toEqual({
      type: 'prometheus',
      pushgateway: 'http://127.0.0.1:9091',
      tags: ['run_id:w1_pod-a', 'scenario:soak', 'environment:staging'],
    });
    expect(otlp).toMatchObject({
      type: 'open-telemetry',
      metrics: { exporter: 'otlp-http', attributes: { run_id: 'w1:pod-a', scenario: 'soak', environment: 'staging' } },
    });
  });

  it("takes a file's publish-metrics list (an Artillery config too) and registers its secrets", () => {
    const file = join(work.path, 'artillery-user.yml');
    writeFileSync(
      file,
      [
        'config:',
        '  plugins:',
        '    publish-metrics:',
        '      - type: datadog',
        '        apiKey: dd-api-key-0123456789',
        '        tags: ["scenario:mine", "team:game"]',
        '      - type: prometheus',
        '        pushgateway: https://loadtest:gateway-password-42@gw.example.com',
      ].join('\n'),
    );
    const [datadog] = publishMetricsPlugins({ file }, labels)['publish-metrics']!;
    expect(datadog?.tags).toEqual(['scenario:mine', 'team:game', 'run_id:w1:pod-a', 'environment:staging']);
    expect(redactString('key dd-api-key-0123456789 password gateway-password-42')).not.toMatch(/dd-api|gateway-pass/);
  });

  it('names the variable and the file when the file is missing or holds no list', () => {
    const empty = join(work.path, 'empty.yml');
    writeFileSync(empty, 'config: {}\n');
    for (const file of [join(work.path, 'missing.yml'), empty]) {
      expect(() => publishMetricsPlugins({ file }, labels)).toThrow(ConfigError);
      expect(() => publishMetricsPlugins({ file }, labels)).toThrow(/^SIM_PUBLISH_METRICS: .*(missing|empty)\.yml/);
    }
  });
});
