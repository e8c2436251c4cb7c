/**
 * @module Test support: an HTTP proxy on 127.0.0.1 that counts every request before passing it to
 * an upstream (a local stack), so a test can prove that nothing — or something — reached the target.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** requests received so far */
  requests(): number;
  close(): Promise<void>;
}

/** Starts the proxy in front of `upstream` (an `http://127.0.0.1:<port>` base URL). */
export async function startCountingProxy(upstream: string): Promise<CountingProxy> {
  const target = new URL(upstream);
  let count = 0;
  const server: Server = createServer((req, res) => {
    count += 1;
    const forward = httpRequest(
      {
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    // an upstream reset (injected fault) becomes a reset for the client too
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
