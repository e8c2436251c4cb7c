/// <reference lib="dom" />
/**
 * @module The live dashboard (issue 14, scope 1), end to end: `rocket-sim run smoke --dashboard 0`
 * announces its URL in the run_starting event; headless Chromium opens the page during the run, sees
 * at least two window updates arrive over server-sent events and the report's charts drawn, with no
 * console error (the database panels saying why embedded PGlite is not sampled); closing the page
 * changes nothing; the port is closed when the run has ended.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium } from './support/checkReportInBrowser.ts';
import { ROOT } from './support/runResults.ts';
import { startCli } from './support/startCli.ts';
import { tempDir } from './support/tempDir.ts';

const browser = findChromium();
const inCi = Boolean(process.env.CI);
const work = tempDir('live-dashboard');
afterAll(() => work.remove());

/** Whether something accepts connections on 127.0.0.1:port. */
const listening = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe.skipIf(!browser.path && !inCi)('rocket-sim run --dashboard', () => {
  it('serves a live page whose charts update every window, and closes the port at the end', {
    timeout: 300_000,
  }, async () => {
    expect(browser.path, `no Chromium found (${browser.where})`).toBeDefined();
    const out = join(work.path, 'run');
    const run = startCli(['run', 'smoke', '--dashboard', '0', '--duration', '40', '--out', out], {
      env: { ARTILLERY_DISABLE_TELEMETRY: 'true' },
      timeoutMs: 280_000,
    });
    try {
      await run.waitFor(/"event":"run_starting"[^\n]*\n/, 200_000);
      const starting = run
        .output()
        .split('\n')
        .map((line) => (line.startsWith('{') ? (JSON.parse(line) as Record<string, unknown>) : {}))
        .find((event) => event.event === 'run_starting');
      const url = String(starting?.dashboardUrl);
      const port = Number(new URL(url).port);
      expect(url).toBe(`http://127.0.0.1:${port}/`);
      expect(port).toBeGreaterThan(0);
      await run.waitFor(/"event":"dashboard_ready"/, 10_000);

      const events = await fetch(`${url}events`);
      expect(events.headers.get('content-type')).toBe('text/event-stream');
      await events.body?.cancel();

      const chrome = await chromium.launch({
        executablePath: browser.path!,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      });
      try {
        const page = await chrome.newPage({ viewport: { width: 1280, height: 900 } });
        const consoleErrors: string[] = [];
        const outbound: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error') consoleErrors.push(message.text());
        });
        page.on('pageerror', (error) => consoleErrors.push(error.message));
        page.on('request', (request) => {
          if (!request.url().startsWith(url)) outbound.push(request.url());
        });
        await page.goto(url);
        await page.waitForFunction(() => Number(document.body.dataset.updates) >= 1, undefined, { timeout: 20_000 });
        const first = await page.evaluate(() => Number(document.body.dataset.windows));
        // two more windows (10 s each) arrive while the page is open
        await page.waitForFunction((from) => Number(document.body.dataset.windows) >= from + 2, first, {
          timeout: 90_000,
        });
        const seen = await page.evaluate(() => ({
          updates: Number(document.body.dataset.updates),
          windows: Number(document.body.dataset.windows),
          phase: document.getElementById('phase')?.textContent ?? '',
          requests: Number(document.getElementById('requests')?.textContent),
          gates: document.querySelectorAll('#gates tr').length,
          database: document.getElementById('db-note')?.textContent ?? '',
          charts: [...document.querySelectorAll('[data-chart]')].map((el) => ({
            id: el.getAttribute('data-chart'),
            drawn: el.getAttribute('data-drawn'),
            points: Number(el.getAttribute('data-points')),
          })),
        }));
        console.info(`dashboard: ${JSON.stringify(seen)}`);
        mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
        await page.screenshot({ path: join(ROOT, 'test-artifacts', 'live-dashboard.png'), fullPage: true });
        expect(seen.updates).toBeGreaterThanOrEqual(3);
        expect(seen.phase).toMatch(/\(\d\/\d\)$/);
        expect(seen.requests).toBeGreaterThan(0);
        expect(seen.gates).toBeGreaterThan(0);
        // embedded PGlite is not sampled: the page says why, as the report does
        expect(seen.database).toMatch(/^database not sampled: embedded PGlite/);
        for (const id of ['requests-per-second', 'latency', 'vusers', 'outcomes']) {
          const chart = seen.charts.find((entry) => entry.id === id);
          expect(chart, id).toMatchObject({ drawn: 'true' });
          expect(chart!.points, id).toBeGreaterThanOrEqual(2);
        }
        expect(consoleErrors).toEqual([]);
        expect(outbound).toEqual([]);
      } finally {
        // closing the page mid-run changes nothing for the run
        await chrome.close();
      }

      const result = await run.done;
      // on a loaded machine a gate may fail: the dashboard must not change how the run ends
      expect([0, 1], result.stdout.slice(-2000)).toContain(result.code);
      expect(result.stdout).toMatch(/"event":"run_complete"/);
      for (const file of ['results.json', 'run-meta.json', 'report.html'])
        expect(existsSync(join(out, file))).toBe(true);
      expect(await listening(port)).toBe(false);
    } finally {
      try {
        run.signal('SIGKILL');
      } catch {
        // it has ended already
      }
      await run.done.catch(() => undefined);
    }
  });
});
