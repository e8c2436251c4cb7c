/// <reference lib="dom" />
/** @module Opens a report in headless Chromium (playwright-core) and reads what a person would see. */
import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
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

const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The browser names looked up on PATH, in order (Debian's, other distributions', Chrome). */
const ON_PATH = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

/**
 * Where a Chromium is: `CHROMIUM_PATH` when set (it must be an executable: a wrong value fails rather
 * than being passed over), else the first of ON_PATH on PATH, else the browser Playwright installed
 * (`npx playwright install chromium`); undefined when there is none. `where` says what was searched.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): { path: string | undefined; where: string } {
  const where = `CHROMIUM_PATH, ${ON_PATH.join('/')} on PATH, Playwright's ${chromium.executablePath()}`;
  if (env.CHROMIUM_PATH) {
    if (!isExecutable(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable`);
    return { path: env.CHROMIUM_PATH, where };
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of ON_PATH) {
    const found = dirs.map((dir) => join(dir, name)).find(isExecutable);
    if (found) return { path: found, where };
  }
  const playwright = chromium.executablePath();
  return { path: isExecutable(playwright) ? playwright : undefined, where };
}

/** Renders `reportPath` in the Chromium at `executablePath`, waits for every chart, saves a screenshot. */
export async function checkReportInBrowser(
  executablePath: string,
  reportPath: string,
  screenshotPath: string,
): Promise<RenderedReport> {
  const browser = await chromium.launch({
    executablePath,
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
