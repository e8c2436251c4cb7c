/** @module The client IP a request is counted under: the first `X-Forwarded-For` entry, else the socket's. */
import type { IncomingMessage } from 'node:http';
import { header } from './types.ts';

/** First `X-Forwarded-For` address, else the socket's remote address. */
export function clientIp(req: IncomingMessage): string {
  const first = header(req, 'x-forwarded-for')?.split(',')[0]?.trim();
  return first || req.socket.remoteAddress || '127.0.0.1';
}
