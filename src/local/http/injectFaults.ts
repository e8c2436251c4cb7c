/** @module Gateway middleware: the configured latency, connection resets and 503s (`--faults`, `/_rocket/faults`). */
import { drawFaults, type FaultKind, type FaultSpec } from '../faults.ts';
import type { Middleware } from './GatewayContext.ts';
import { json } from './types.ts';

export interface FaultSource {
  /** current fault configuration (read per request so it can change while running) */
  faults(): FaultSpec;
  onFault(kind: FaultKind): void;
  random(): number;
}

/** Draws this request's faults: waits the latency, then resets the socket, answers 503, or passes on. */
export function injectFaults(source: FaultSource): Middleware {
  return async (context, next) => {
    const { latencyMs, outcome } = drawFaults(source.faults(), source.random);
    if (latencyMs > 0) {
      source.onFault('latency');
      await new Promise((resolve) => setTimeout(resolve, latencyMs));
    }
    if (outcome === 'reset') {
      source.onFault('reset');
      context.req.socket.destroy();
      return undefined;
    }
    if (outcome === 'http5xx') {
      source.onFault('http5xx');
      return json(503, { message: 'Service Unavailable (injected fault)' });
    }
    return next();
  };
}
