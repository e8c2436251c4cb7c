/**
 * @module The live dashboard's HTTP server: the page at `/`, its event stream at `/events`
 * (`text/event-stream`, one `update` event per window, the latest at once on connect). Read-only: GET
 * only, nothing it receives changes the run. Bound to 127.0.0.1 unless a host is given; on another
 * host every request needs the token printed at start (`?token=`), compared in constant time.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UsageError } from '../errors/index.ts';
import type { DashboardUpdate } from './createDashboardFeed.ts';
import { dashboardPage } from './dashboardPage.ts';

export interface DashboardServer {
  /** the page's URL (with `?token=` off loopback) */
  url: string;
  port: number;
  /** sends an update to every open page and keeps it for pages that connect later */
  publish(update: DashboardUpdate): void;
  /** ends every event stream and closes the port */
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
/** One token per process: the chunks of a soak serve their dashboards one after the other with the same URL. */
const PROCESS_TOKEN = randomBytes(16).toString('hex');

const sameToken = (given: string | null, token: string): boolean => {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
};

export async function startDashboardServer(options: {
  port: number;
  host?: string | undefined;
  scenario: string;
  initial: DashboardUpdate;
}): Promise<DashboardServer> {
  const host = options.host ?? '127.0.0.1';
  const token = LOOPBACK.has(host) ? undefined : PROCESS_TOKEN;
  const page = dashboardPage(options.scenario);
  const streams = new Set<ServerResponse>();
  let latest = options.initial;
  const event = (update: DashboardUpdate) => `event: update\ndata: ${JSON.stringify(update)}\n\n`;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://dashboard');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (token !== undefined && !sameToken(url.searchParams.get('token'), token)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('a token is required: use the URL rocket-sim printed\n');
      return;
    }
    if (url.pathname === '/') {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': page.csp,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(page.html);
      return;
    }
    if (url.pathname === '/events') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(`retry: 2000\n\n${event(latest)}`);
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new UsageError(
          `--dashboard: cannot listen on ${host}:${options.port} (${error.code ?? error.message}); choose another port, or 0 for any free one`,
        ),
      ),
    );
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // every address includes loopback: print the URL that works on this machine (and through a published port)
  const wildcard = host === '0.0.0.0' || host === '::';
  const shownHost = wildcard ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/${token ? `?token=${token}` : ''}`,
    port,
    publish(update) {
      latest = update;
      const text = event(update);
      for (const stream of streams) stream.write(text);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        streams.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
