/** @module Test support: runs `rocket-sim` as a child process with exactly the given environment. */
import { spawn } from 'node:child_process';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packageRoot } from '../../src/packageRoot.ts';

export interface CliResult {
  /** exit code; null when the process was killed */
  code: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** the time limit was reached and the process group was killed */
  timedOut: boolean;
}

export interface RunCliOptions {
  /** the child's whole environment on top of HOME/TMPDIR/PATH: nothing of the test process leaks in */
  env?: Record<string, string | undefined>;
  /** working directory (default: the package root) */
  cwd?: string;
  /** kill the child and everything it started after this long (default 60 s) */
  timeoutMs?: number;
}

/** Runs `node bin/rocket-sim.js <args>` and resolves with its exit code and output. */
export function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<CliResult> {
  const root = packageRoot();
  const env: Record<string, string> = {
    HOME: homedir(),
    TMPDIR: tmpdir(),
    PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
  };
  for (const [name, value] of Object.entries(options.env ?? {})) if (value !== undefined) env[name] = value;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // its own process group, so a timeout also stops Artillery and its workers
    const child = spawn(process.execPath, [join(root, 'bin', 'rocket-sim.js'), ...args], {
      cwd: options.cwd ?? root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
    }, options.timeoutMs ?? 60_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, durationMs: performance.now() - started, timedOut });
    });
  });
}
