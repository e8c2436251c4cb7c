import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { composeMiddleware, MiddlewareChainError } from './composeMiddleware.ts';
import type { GatewayContext, Middleware } from './GatewayContext.ts';
import { matchRoute } from './matchRoute.ts';
import { json } from './types.ts';

const context = (): GatewayContext => ({
  req: {} as IncomingMessage,
  query: new URLSearchParams(),
  path: '/',
  apikeyRole: undefined,
  body: Buffer.alloc(0),
});

describe('composeMiddleware', () => {
  it('runs the middleware in order around the endpoint, each seeing what the next answered', async () => {
    const seen: string[] = [];
    const layer =
      (name: string): Middleware =>
      async (_context, next) => {
        seen.push(`${name} in`);
        const answer = await next();
        seen.push(`${name} out ${answer?.status}`);
        return answer;
      };
    const chain = composeMiddleware([layer('a'), layer('b')], async () => {
      seen.push('endpoint');
      return json(200, {});
    });
    expect((await chain(context()))?.status).toBe(200);
    expect(seen).toEqual(['a in', 'b in', 'endpoint', 'b out 200', 'a out 200']);
  });

  it('a middleware that answers stops the chain', async () => {
    let reached = false;
    const chain = composeMiddleware([() => Promise.resolve(json(401, {}))], async () => {
      reached = true;
      return json(200, {});
    });
    expect((await chain(context()))?.status).toBe(401);
    expect(reached).toBe(false);
  });

  it('refuses a second next() from one middleware', async () => {
    const twice: Middleware = async (_context, next) => {
      await next();
      return next();
    };
    const chain = composeMiddleware([twice], () => Promise.resolve(json(200, {})));
    await expect(chain(context())).rejects.toBeInstanceOf(MiddlewareChainError);
  });
});

describe('matchRoute', () => {
  const table = [
    { path: '/', exact: true, target: 'health' },
    { path: '/rest/v1', target: 'rest' },
  ];

  it('matches a prefix at a segment boundary and gives the path below it', () => {
    expect(matchRoute(table, '/rest/v1')).toEqual({ target: 'rest', path: '/' });
    expect(matchRoute(table, '/rest/v1/')).toEqual({ target: 'rest', path: '/' });
    expect(matchRoute(table, '/rest/v1/rpc/fn')).toEqual({ target: 'rest', path: '/rpc/fn' });
    expect(matchRoute(table, '/rest/v1x/items')).toBeUndefined();
  });

  it('an exact route matches only its own path', () => {
    expect(matchRoute(table, '/')).toEqual({ target: 'health', path: '/' });
    expect(matchRoute(table, '/other')).toBeUndefined();
  });
});
