/// <reference lib="dom" />
/**
 * @module The live dashboard's database panels in a browser (issue 14, scope 1), without a run or a
 * database: a dashboard server fed by a fake sampler state (two windows, three samples, lock waits on
 * one row) is opened in headless Chromium, which draws the database charts with the report's page
 * script and uPlot and fills the latest figures and the top contended row; a dashboard without a
 * sampler hides the panels and says how to sample. The sampled case against a real PostgreSQL is
 * test/dbwatch.test.ts's (the sampler) plus this (the page).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DatabaseWatch } from '../src/dbwatch/DatabaseWatch.ts';
import { createDashboardFeed } from '../src/live/createDashboardFeed.ts';
import { startDashboardServer } from '../src/live/startDashboardServer.ts';
import { findChromium } from './support/checkReportInBrowser.ts';
import { fakeDatabaseWatch, WINDOW_START } from './support/live/fakeDatabaseWatch.ts';
import { ROOT } from './support/runResults.ts';

const browser = findChromium();
const inCi = Boolean(process.env.CI);

/** Serves a dashboard that has received two windows and reads the database panels from the page. */
async function readDatabasePanels(database: (() => DatabaseWatch) | undefined, screenshot: string) {
  const feed = createDashboardFeed({
    scenario: 'contention',
    plannedSeconds: 60,
    phaseCount: 1,
    ensure: undefined,
    database,
    now: () => WINDOW_START,
  });
  for (const offset of [0, 10_000])
    feed.onMessage({ type: 'rocket:stats', period: WINDOW_START + offset, counters: { 'http.requests': 5 } });
  const server = await startDashboardServer({ port: 0, scenario: 'contention', initial: feed.current() });
  const chrome = await chromium.launch({
    executablePath: browser.path!,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await chrome.newPage({ viewport: { width: 1280, height: 900 } });
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(server.url);
    await page.waitForFunction(() => Number(document.body.dataset.updates) >= 1, undefined, { timeout: 20_000 });
    const seen = await page.evaluate(() => ({
      database: document.body.dataset.database,
      note: document.getElementById('db-note')?.textContent ?? '',
      panelsHidden: document.getElementById('db-charts')?.hidden,
      waitsNow: document.getElementById('db-waits-now')?.textContent ?? '',
      connections: document.getElementById('db-connections')?.textContent ?? '',
      lockWaits: document.getElementById('db-lockwaits')?.textContent ?? '',
      topRow: [...document.querySelectorAll('#db-top tr')].map((tr) => tr.textContent ?? ''),
      charts: [...document.querySelectorAll('[data-chart^="db-"]')].map((el) => ({
        id: el.getAttribute('data-chart'),
        drawn: el.getAttribute('data-drawn'),
        points: Number(el.getAttribute('data-points')),
      })),
    }));
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
    await page.locator('#database').screenshot({ path: join(ROOT, 'test-artifacts', screenshot) });
    return { ...seen, consoleErrors };
  } finally {
    await chrome.close();
    await server.close();
  }
}

describe.skipIf(!browser.path && !inCi)('the live dashboard database panels', () => {
  it("draws the sampler's figures per window with the report's chart code", { timeout: 60_000 }, async () => {
    expect(browser.path, `no Chromium found (${browser.where})`).toBeDefined();
    const seen = await readDatabasePanels(() => fakeDatabaseWatch(3), 'live-dashboard-database.png');
    expect(seen.consoleErrors).toEqual([]);
    expect(seen.database).toBe('sampled');
    expect(seen.panelsHidden).toBe(false);
    expect(seen.note).toBe('sampled 127.0.0.1:5432/test every 2000 ms, 3 samples so far');
    expect(seen.waitsNow).toBe('Lock 2');
    expect(seen.connections).toBe('14 of 100');
    expect(seen.lockWaits).toBe('2');
    expect(seen.topRow).toEqual([
      'relationauction_lots id=7 (tuple)',
      'waits2, 120 ms in all, longest 90 ms',
      'waiting RPCrpc_place_auction_bid',
      'blocking RPCrpc_place_auction_bid',
    ]);
    expect(seen.charts).toEqual(
      ['db-waits', 'db-sessions', 'db-lockwaits'].map((id) => ({ id, drawn: 'true', points: 2 })),
    );
  });

  it('without a sampler, hides the panels and says how to sample', { timeout: 60_000 }, async () => {
    expect(browser.path, `no Chromium found (${browser.where})`).toBeDefined();
    const seen = await readDatabasePanels(undefined, 'live-dashboard-no-database.png');
    expect(seen.consoleErrors).toEqual([]);
    expect(seen.database).toBe('not-sampled');
    expect(seen.panelsHidden).toBe(true);
    expect(seen.note).toMatch(/^database not sampled: give --database-url/);
  });
});
