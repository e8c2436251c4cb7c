/**
 * @module Test support: Debian's Prometheus Pushgateway (`/usr/bin/prometheus-pushgateway`) on a free
 * loopback port, without persistence, and its pushed series read back in the text exposition format.
 */
import { spawn } from 'node:child_process';
import { closedPort } from '../closedPort.ts';

export const PUSHGATEWAY_BIN = '/usr/bin/prometheus-pushgateway';

/** One series of the exposition: `name{label="value",...} value`. */
export interface Series {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Pushgateway {
  url: string;
  /** every series the gateway exposes now */
  series(): Promise<Series[]>;
  stop(): Promise<void>;
}

function parseExposition(text: string): Series[] {
  const out: Series[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match || line.startsWith('#')) continue;
    const labels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    out.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return out;
}

/** Starts the gateway and waits (at most 50 tries, 100 ms apart) until it answers. */
export async function startPushgateway(): Promise<Pushgateway> {
  const port = await closedPort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(PUSHGATEWAY_BIN, [`--web.listen-address=127.0.0.1:${port}`, '--persistence.file='], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let attempt = 0; ; attempt++) {
    const ok = await fetch(`${url}/-/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    if (attempt >= 50 || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`prometheus-pushgateway did not start on ${url}: ${stderr.slice(-1000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    series: async () => parseExposition(await (await fetch(`${url}/metrics`)).text()),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
