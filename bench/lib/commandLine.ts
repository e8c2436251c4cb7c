/** @module The command line of a running process, from /proc (Linux). */
import { readFileSync } from 'node:fs';

/** The arguments of `pid` joined by spaces, or undefined once it has exited. */
export function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT' || (error as { code?: unknown }).code === 'ESRCH')
      return undefined;
    throw error;
  }
}
