/**
 * @module Runs `artillery run` as a child process: its console output goes to a log file (shown
 * with --verbose), progress arrives over IPC from the rocket plugin, and a deadline kills a run
 * that overstays its phases by far, so no run hangs.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { redactString } from '../../log/index.ts';
import { packageRoot } from '../../packageRoot.ts';

export interface ArtilleryInvocation {
  /** arguments after `artillery run` */
  args: string[];
  /** the child's environment on top of process.env */
  env: Record<string, string>;
  /** Artillery's console output is appended here */
  logFile: string;
  /** also echo Artillery's console to our stderr */
  echo: boolean;
  /** progress and check messages from the rocket plugin */
  onMessage(message: unknown): void;
  /** kill the run after this many ms (SIGINT, then SIGKILL 15 s later) */
  deadlineMs: number;
}

export interface ArtilleryOutcome {
  exitCode: number;
  /** the deadline was reached and the run was stopped */
  timedOut: boolean;
  /** a signal the user sent us was forwarded */
  interrupted: boolean;
}

/** The Artillery CLI entry of the installed package. */
export function artilleryBin(): string {
  const manifest = createRequire(import.meta.url).resolve('artillery/package.json');
  return join(dirname(manifest), 'bin', 'run');
}

/** The directory of the plugin bundle, for ARTILLERY_PLUGIN_PATH. */
export function pluginDir(): string {
  return join(packageRoot(), 'dist', 'plugins');
}

/** Spawns Artillery and resolves with its exit code; SIGINT/SIGTERM to us are forwarded to it. */
export function spawnArtillery(invocation: ArtilleryInvocation): Promise<ArtilleryOutcome> {
  return new Promise((resolve, reject) => {
    const log = createWriteStream(invocation.logFile, { flags: 'a' });
    const child = spawn(process.execPath, [artilleryBin(), 'run', ...invocation.args], {
      cwd: packageRoot(),
      // biome-ignore lint/style/noProcessEnv: the child inherits our environment; nothing is read from it here
      env: { ...process.env, ...invocation.env, ARTILLERY_DISABLE_TELEMETRY: 'true' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const copy = (chunk: Buffer) => {
      const text = redactString(chunk.toString('utf8'));
      log.write(text);
      if (invocation.echo) process.stderr.write(text);
    };
    child.stdout?.on('data', copy);
    child.stderr?.on('data', copy);
    child.on('message', (message) => invocation.onMessage(message));

    let timedOut = false;
    let interrupted = false;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      child.kill('SIGINT');
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), 15_000);
    };
    const deadline = setTimeout(() => {
      timedOut = true;
      stop();
    }, invocation.deadlineMs);
    const forward = () => {
      interrupted = true;
      stop();
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);

    child.on('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(deadline);
      if (killTimer) clearTimeout(killTimer);
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      log.end(() => resolve({ exitCode: code ?? (signal ? 128 : 1), timedOut, interrupted }));
    });
  });
}
