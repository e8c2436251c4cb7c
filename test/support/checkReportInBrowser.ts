/// <reference lib="dom" />
/** @module Opens a report in Debian's headless Chromium (playwright-core) and reads what a person would see. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export interface RenderedReport {
  consoleErrors: string[];
  charts: { id: string; drawn: string | null; points: number }[];
  /** text of the first summary figure ("60 requests") */
  totalRequests: number;
  /** endpoint → request count, from the endpoints table */
  endpointRequests: Record<string, number>;
  /** chart id → series label → sum of its values, from the embedded data */
  seriesSums: Record<string, Record<string, number>>;
  outboundRequests: string[];
}

export const CHROMIUM = '/usr/bin/chromium';

/** Renders `reportPath`, waits for every chart, saves a screenshot to `screenshotPath`. */
export async function checkReportInBrowser(reportPath: string, screenshotPath: string): Promise<RenderedReport> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const consoleErrors: string[] = [];
    const outboundRequests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) outboundRequests.push(request.url());
    });
    await page.goto(pathToFileURL(reportPath).href);
    await page.waitForFunction(
      () => [...document.querySelectorAll('[data-chart]')].every((el) => el.getAttribute('data-drawn') !== 'false'),
      undefined,
      {
        timeout: 15_000,
      },
    );
    const rendered = await page.evaluate(() => {
      const charts = [...document.querySelectorAll('[data-chart]')].map((el) => ({
        id: el.getAttribute('data-chart') ?? '',
        drawn: el.getAttribute('data-drawn'),
        points: Number(el.getAttribute('data-points')),
      }));
      const first = document.querySelector('#summary')?.textContent ?? '';
      const totalRequests = Number(/(\d[\d,]*)\s*requests/.exec(first)?.[1]?.replace(/,/g, ''));
      const endpointRequests: Record<string, number> = {};
      for (const row of document.querySelectorAll('#endpoints tbody tr')) {
        const cells = row.querySelectorAll('td');
        if (cells.length > 1)
          endpointRequests[cells[0]!.textContent!.trim()] = Number(cells[1]!.textContent!.replace(/,/g, ''));
      }
      const data = JSON.parse(document.getElementById('report-data')!.textContent!) as {
        charts: { id: string; series: { label: string; values: (number | null)[] }[] }[];
      };
      const seriesSums: Record<string, Record<string, number>> = {};
      for (const chart of data.charts) {
        seriesSums[chart.id] = Object.fromEntries(
          chart.series.map((series) => [
            series.label,
            series.values.reduce<number>((sum, value) => sum + (value ?? 0), 0),
          ]),
        );
      }
      return { charts, totalRequests, endpointRequests, seriesSums };
    });
    mkdirSync(dirname(screenshotPath), { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true });
    return { ...rendered, consoleErrors, outboundRequests };
  } finally {
    await browser.close();
  }
}
