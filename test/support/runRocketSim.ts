/** @module Runs the built CLI as a child process, the way users and CI do, and reads what a run wrote. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * `node bin/rocket-sim.js <args>` with `env` on top of a clean copy of the environment
 * (inherited SIM_* and SUPABASE_* variables are removed so the host's .env cannot leak in).
 */
export function runRocketSim(args: string[], env: Record<string, string> = {}, timeoutMs = 240_000): Promise<CliResult> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(SIM_|SUPABASE_|VITE_)/.test(key)));
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'rocket-sim.js'), ...args], {
      cwd: ROOT,
      env: { ...base, ARTILLERY_DISABLE_TELEMETRY: 'true', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** The aggregate counters of a run's results.json. */
export function counters(outDir: string): Record<string, number> {
  const results = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as { aggregate: { counters: Record<string, number> } };
  return results.aggregate.counters;
}

/** The JSON-line events a run's players wrote. */
export function events(outDir: string): Record<string, unknown>[] {
  return readFileSync(join(outDir, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
