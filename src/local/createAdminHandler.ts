/** @module `/_rocket/*`: the local stack's admin API (service key only) for tests and operators. */
import { ConfigError } from '../errors/index.ts';
import type { AuctionTicker } from './createAuctionTicker.ts';
import { parseFaultSpec, type FaultKind, type FaultSpec } from './faults.ts';
import { json, type Handler } from './http/types.ts';

export interface AdminDeps {
  getFaults(): FaultSpec;
  setFaults(spec: FaultSpec): void;
  faultCounts(): Readonly<Record<FaultKind, number>>;
  tick(): Promise<unknown>;
  ticker: AuctionTicker | undefined;
  reloadSchemaCache(): Promise<void>;
}

/**
 * Routes: `GET /status`; `PUT /faults` with `{"spec":"5xx=0.05,reset=0.02"}`; `POST /tick`;
 * `POST /ticker/pause`, `POST /ticker/resume`; `POST /schema-cache/reload`.
 */
export function createAdminHandler(deps: AdminDeps): Handler {
  const status = () => ({
    faults: deps.getFaults(),
    faultCounts: deps.faultCounts(),
    ticker: deps.ticker?.status() ?? null,
  });
  return async (request) => {
    const route = `${request.method} ${request.path}`;
    switch (route) {
      case 'GET /status':
        return json(200, status());
      case 'PUT /faults':
      case 'POST /faults': {
        let spec: unknown;
        try {
          spec = (JSON.parse(request.body.toString('utf8') || '{}') as { spec?: unknown }).spec;
        } catch {
          return json(400, { message: 'body must be JSON: {"spec":"5xx=0.05,reset=0.02,latency=200ms@0.1"}' });
        }
        if (typeof spec !== 'string')
          return json(400, { message: 'body must be JSON: {"spec":"5xx=0.05,reset=0.02,latency=200ms@0.1"}' });
        try {
          deps.setFaults(parseFaultSpec(spec, 'spec'));
        } catch (error) {
          if (error instanceof ConfigError) return json(400, { message: error.message });
          throw error;
        }
        return json(200, status());
      }
      case 'POST /tick':
        return json(200, { result: await deps.tick() });
      case 'POST /ticker/pause':
      case 'POST /ticker/resume':
        if (!deps.ticker) return json(409, { message: 'this stack runs no auction ticker' });
        if (route.endsWith('pause')) deps.ticker.pause();
        else deps.ticker.resume();
        return json(200, status());
      case 'POST /schema-cache/reload':
        await deps.reloadSchemaCache();
        return json(200, { reloaded: true });
      default:
        return json(404, { message: `unknown admin route ${route}` });
    }
  };
}
