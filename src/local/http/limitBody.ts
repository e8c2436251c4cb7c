/** @module Gateway middleware: reads the request body, refusing one over the limit with 413. */
import type { IncomingMessage } from 'node:http';
import type { Middleware } from './GatewayContext.ts';
import { json } from './types.ts';

async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Puts the whole body on the context, or answers 413 once it passes `maxBytes`. */
export function limitBody(maxBytes: number): Middleware {
  return async (context, next) => {
    const body = await readBody(context.req, maxBytes);
    if (body === undefined) return json(413, { message: `Request body exceeds ${maxBytes / (1024 * 1024)} MiB` });
    context.body = body;
    return next();
  };
}
