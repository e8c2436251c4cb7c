/**
 * @module What the gateway's middleware share about one request, hono-style: a context, a `next`
 * that runs the rest of the chain, and a response (or `undefined` when the socket was dealt with).
 */
import type { IncomingMessage } from 'node:http';
import type { LocalResponse } from './types.ts';

export interface GatewayContext {
  readonly req: IncomingMessage;
  readonly query: URLSearchParams;
  /** path below the matched route's prefix, e.g. `/token` for `/auth/v1/token` */
  readonly path: string;
  /** the role of the request's `apikey`, once a key check ran and the key was one of this project's */
  apikeyRole: 'anon' | 'service_role' | undefined;
  /** the request body, once the body limit ran */
  body: Buffer;
}

/** A response, or `undefined` when nothing is to be sent (the connection was reset on purpose). */
export type GatewayResult = LocalResponse | undefined;

export type Next = () => Promise<GatewayResult>;

/** One step of a route's chain: answer itself, or call `next()` (at most once) and pass its answer on. */
export type Middleware = (context: GatewayContext, next: Next) => Promise<GatewayResult>;

/** The last step of a chain. */
export type Endpoint = (context: GatewayContext) => Promise<GatewayResult>;
