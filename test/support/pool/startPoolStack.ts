/** @module The HTTP target of the pool client tests: the embedded local stack (PGlite, free port, no auction ticker). */
import { startLocalStack, type LocalStack } from '../../../src/local/index.ts';

export type PoolStack = Pick<LocalStack, 'url' | 'serviceRoleKey' | 'anonKey' | 'db' | 'stop'>;

/** Starts the local stack with the reference schema and this repository's pool migrations. */
export function startPoolStack(): Promise<PoolStack> {
  return startLocalStack({ port: 0, auction: false });
}
