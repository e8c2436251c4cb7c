/**
 * @module A lean keep-alive HTTP client for benchmarks against 127.0.0.1: node:http with a fixed
 * socket pool, no retries, a per-request deadline. fetch would spend more of the shared CPU.
 */
import { Agent, request as httpRequest } from 'node:http';

export interface HttpResponse {
  status: number;
  body: string;
  /** wall time from send to the last body byte */
  ms: number;
}

export interface HttpClient {
  /** sends one request; `body` is sent as JSON when defined */
  send(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<HttpResponse>;
  /** closes the pooled sockets */
  close(): void;
}

/** A client for `baseUrl` (http://127.0.0.1:port only) holding at most `sockets` keep-alive connections. */
export function createHttpClient(baseUrl: string, options: { sockets: number; timeoutMs?: number }): HttpClient {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' || (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost')) {
    throw new Error(`benchmarks only send load to 127.0.0.1 (got ${url.host})`);
  }
  const agent = new Agent({ keepAlive: true, maxSockets: options.sockets, maxFreeSockets: options.sockets });
  const timeoutMs = options.timeoutMs ?? 30_000;
  return {
    send(method, path, headers, body) {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const started = performance.now();
      return new Promise((resolve, reject) => {
        const req = httpRequest(
          {
            agent,
            host: url.hostname,
            port: url.port,
            method,
            path,
            headers: payload
              ? { ...headers, 'content-type': 'application/json', 'content-length': String(payload.length) }
              : headers,
            timeout: timeoutMs,
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                body: Buffer.concat(chunks).toString('utf8'),
                ms: performance.now() - started,
              }),
            );
            res.on('error', reject);
          },
        );
        req.on('timeout', () => req.destroy(new Error(`${method} ${path} took longer than ${timeoutMs} ms`)));
        req.on('error', reject);
        req.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}
