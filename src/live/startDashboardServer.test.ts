import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createDashboardFeed } from './createDashboardFeed.ts';
import { startDashboardServer } from './startDashboardServer.ts';

const feed = () =>
  createDashboardFeed({
    scenario: 'smoke',
    plannedSeconds: 60,
    phaseCount: 2,
    ensure: { thresholds: [{ 'http.response_time.p95': 500 }] },
    now: () => 1_700_000_000_000,
  });

/** Reads `count` SSE events from `url` (bounded: at most 2 s of waiting), then closes the stream. */
function readEvents(url: string, count: number, onOpen?: () => void): Promise<{ type: string; events: unknown[] }> {
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => {
      let buffer = '';
      const events: unknown[] = [];
      const timer = setTimeout(() => {
        req.destroy();
        reject(new Error(`only ${events.length} events`));
      }, 2000);
      onOpen?.();
      res.setEncoding('utf8').on('data', (chunk: string) => {
        buffer += chunk;
        for (const block of buffer.split('\n\n').slice(0, -1)) {
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (data) events.push(JSON.parse(data));
        }
        buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
        if (events.length >= count) {
          clearTimeout(timer);
          req.destroy();
          resolve({ type: String(res.headers['content-type']), events });
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the dashboard server', () => {
  it('serves the page and streams the latest update at once and every published one', async () => {
    const live = feed();
    const server = await startDashboardServer({ port: 0, scenario: 'smoke', initial: live.current() });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
      const page = await fetch(server.url);
      expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
      const html = await page.text();
      expect(html).toContain('data-chart="latency"');
      expect(html).not.toMatch(/<script src=|<link /);
      expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);

      const update = live.onMessage({
        type: 'rocket:stats',
        period: 1_700_000_000_000,
        counters: { 'http.requests': 10, 'http.responses': 10, 'http.codes.200': 10, 'vusers.created': 3 },
        summaries: { 'http.response_time': { count: 10, p50: 10, p95: 20, p99: 30 } },
      })!;
      const read = await readEvents(`${server.url}events`, 2, () => setTimeout(() => server.publish(update), 50));
      expect(read.type).toBe('text/event-stream');
      const [first, second] = read.events as { windows: number; status: { gates?: { passed: boolean }[] } }[];
      expect(first?.windows).toBe(0);
      expect(second?.windows).toBe(1);
      expect(second?.status.gates?.[0]?.passed).toBe(true);
    } finally {
      await server.close();
    }
    await expect(fetch(server.url)).rejects.toThrow();
  });

  it('off loopback, requires the token of the URL it prints', async () => {
    const server = await startDashboardServer({
      port: 0,
      host: '127.0.0.2',
      scenario: 'smoke',
      initial: feed().current(),
    });
    try {
      const url = new URL(server.url);
      expect(url.searchParams.get('token')).toMatch(/^[0-9a-f]{32}$/);
      expect((await fetch(`http://127.0.0.2:${server.port}/`)).status).toBe(403);
      expect((await fetch(`http://127.0.0.2:${server.port}/events?token=wrong`)).status).toBe(403);
      expect((await fetch(server.url)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('names the flag when the port is taken', async () => {
    const first = await startDashboardServer({ port: 0, scenario: 'smoke', initial: feed().current() });
    try {
      await expect(
        startDashboardServer({ port: first.port, scenario: 'smoke', initial: feed().current() }),
      ).rejects.toThrow(/^--dashboard: cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)/);
    } finally {
      await first.close();
    }
  });
});
