/** @module Chains a route's middleware in front of its endpoint, once, when the route table is built. */
import { SimError } from '../../errors/index.ts';
import type { Endpoint, GatewayContext, GatewayResult, Middleware } from './GatewayContext.ts';

/** Thrown when one middleware calls `next()` twice (a bug in that middleware, never in a request). */
export class MiddlewareChainError extends SimError {
  override readonly code: string = 'E_MIDDLEWARE_NEXT_TWICE';
  override name = 'MiddlewareChainError';
}

/** `[a, b]` + `end` → a request runs `a`, whose `next()` runs `b`, whose `next()` runs `end`. */
export function composeMiddleware(middleware: readonly Middleware[], endpoint: Endpoint): Endpoint {
  return (context: GatewayContext) => {
    let reached = -1;
    const dispatch = (index: number): Promise<GatewayResult> => {
      if (index <= reached) throw new MiddlewareChainError(`middleware ${index - 1} called next() twice`);
      reached = index;
      const layer = middleware[index];
      return layer === undefined ? endpoint(context) : layer(context, () => dispatch(index + 1));
    };
    return dispatch(0);
  };
}
