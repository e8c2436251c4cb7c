/** @module Runs a command for the packaging and distributed tests, bounded in time, with a clean environment. */
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * The test process's environment without the suite's own variables (SIM_*, SUPABASE_*, VITE_*,
 * DATABASE_URL), so neither the host's .env nor CI's PostgreSQL URL changes what a child does, and
 * without npm's lifecycle variables (`npm test` exports `npm_config_local_prefix` and friends, which a
 * child `npm install` would read as its own configuration); only `npm_config_cache` is kept. The
 * running node comes first on PATH, so `npm` and scripts use the same Node.
 */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const dropped = /^(SIM_|SUPABASE_|VITE_|DATABASE_URL$|npm_(?!config_cache$))/i;
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([key, value]) => value !== undefined && !dropped.test(key)),
  ) as Record<string, string>;
  return {
    ...base,
    PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
    ARTILLERY_DISABLE_TELEMETRY: 'true',
    ...extra,
  };
}

/** Spawns `command args` (no shell unless `command` is `sh`), killed after `timeoutMs`. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs: number },
): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** Fails with the command's output when it did not exit 0. */
export function expectSuccess(what: string, result: CommandResult): CommandResult {
  if (result.code !== 0) {
    throw new Error(
      `${what} exited ${result.code} after ${result.ms} ms\n--- stdout\n${result.stdout.slice(-4000)}\n--- stderr\n${result.stderr.slice(-4000)}`,
    );
  }
  return result;
}
