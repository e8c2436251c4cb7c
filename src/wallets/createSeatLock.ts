/**
 * @module Exclusive claims on wallet addresses shared by every thread of one process.
 * Artillery runs a processor once per worker thread with its own module state, so an in-memory
 * set cannot keep two threads off the same wallet. An O_EXCL file per address in a per-process
 * directory can: threads share the pid, and `open(..., 'wx')` is atomic.
 */
import { mkdirSync, openSync, closeSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SeatLock {
  /** true when the caller now holds `address` */
  tryClaim(address: string): boolean;
  release(address: string): void;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The lock directory of this process (`<tmp>/rocket-sim-seats/<pid>`); directories of dead processes are removed. */
export function createSeatLock(namespace: string): SeatLock {
  const base = join(tmpdir(), 'rocket-sim-seats');
  mkdirSync(base, { recursive: true });
  for (const entry of readdirSync(base)) {
    const pid = Number(entry.split('-')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid))
      rmSync(join(base, entry), { recursive: true, force: true });
  }
  const dir = join(base, `${process.pid}-${namespace}`);
  mkdirSync(dir, { recursive: true });
  return {
    tryClaim(address) {
      try {
        closeSync(openSync(join(dir, address), 'wx'));
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw error;
      }
    },
    release(address) {
      try {
        unlinkSync(join(dir, address));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    },
  };
}
