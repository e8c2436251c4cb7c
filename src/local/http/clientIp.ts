/**
 * @module The client IP the Auth limiters key on: the socket's address, or the first
 * `X-Forwarded-For` value when the stack trusts a proxy in front of it (`--trust-proxy`) and the
 * request comes from loopback, so a remote client cannot pick its own bucket.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

const isLoopback = (address: string) =>
  address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');

/** The request's client IP; `X-Forwarded-For` only counts with `trustProxy` and a loopback peer. */
export function clientIp(req: Pick<IncomingMessage, 'headers' | 'socket'>, trustProxy: boolean): string {
  const peer = req.socket.remoteAddress ?? '127.0.0.1';
  if (!trustProxy || !isLoopback(peer)) return peer;
  const forwarded = req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first && isIP(first) ? first : peer;
}
