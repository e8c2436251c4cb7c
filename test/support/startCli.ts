/** @module Test support: `rocket-sim` as a child process the test can watch and send signals to while it runs. */
import { spawn } from 'node:child_process';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packageRoot } from '../../src/packageRoot.ts';
import type { CliResult } from './runCli.ts';

export interface RunningCli {
  pid: number;
  /** stdout and stderr so far, interleaved */
  output(): string;
  /** resolves once the output matches `pattern` (rejects after `timeoutMs` or when the process ended first) */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void>;
  /** sends `signal` to rocket-sim itself (not its process group): what `kill -INT <pid>` or `docker stop` does */
  signal(signal: NodeJS.Signals): void;
  done: Promise<CliResult>;
}

/** Starts `node bin/rocket-sim.js <args>` with exactly `env` on top of HOME/TMPDIR/PATH; killed after `timeoutMs`. */
export function startCli(
  args: readonly string[],
  options: { env?: Record<string, string>; cwd?: string; timeoutMs: number },
): RunningCli {
  const child = spawn(process.execPath, [join(packageRoot(), 'bin', 'rocket-sim.js'), ...args], {
    cwd: options.cwd ?? packageRoot(),
    env: { HOME: homedir(), TMPDIR: tmpdir(), PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // its own process group: a timeout kills Artillery too, and the signals below reach rocket-sim only
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  let all = '';
  const waiters = new Set<() => void>();
  const onData = (target: 'out' | 'err') => (chunk: string) => {
    if (target === 'out') stdout += chunk;
    else stderr += chunk;
    all += chunk;
    for (const waiter of [...waiters]) waiter();
  };
  child.stdout.setEncoding('utf8').on('data', onData('out'));
  child.stderr.setEncoding('utf8').on('data', onData('err'));
  const started = performance.now();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, options.timeoutMs);
  let ended = false;
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      ended = true;
      for (const waiter of [...waiters]) waiter();
      resolve({ code, stdout, stderr, durationMs: performance.now() - started, timedOut });
    });
  });
  return {
    pid: child.pid!,
    output: () => all,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(all)) {
            cleanup();
            resolve();
          } else if (ended) {
            cleanup();
            reject(new Error(`rocket-sim ended before ${pattern}:\n${all.slice(-3000)}`));
          }
        };
        const limit = setTimeout(() => {
          cleanup();
          reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${all.slice(-3000)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(limit);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    signal(signal) {
      process.kill(child.pid!, signal);
    },
    done,
  };
}
