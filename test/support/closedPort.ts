/** @module Test support: a loopback TCP port that nothing listens on (bound once, then released). */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** Resolves with a port on 127.0.0.1 that refuses connections. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
