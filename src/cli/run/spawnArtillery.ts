/**
 * @module Runs `artillery run` as a child process: its console output goes to a log file (shown
 * with --verbose), progress arrives over IPC from the rocket plugin. A stop is sent to Artillery as
 * SIGINT after its reason (the rocket plugin then writes the results of the time that ran); an
 * abort kills it; a deadline stops a run that overstays its phases by far, so no run hangs.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { redactString } from '../../log/index.ts';
import type { RunStop } from '../../report/runStop.ts';
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
  /** after this many ms the run is stopped (`onDeadline` says why) */
  deadlineMs: number;
  /** called when the deadline passes; the caller stops the run */
  onDeadline(): void;
}

export interface ArtilleryOutcome {
  exitCode: number;
  /** the run was killed (abort, or it did not end within the grace after a stop) */
  killed: boolean;
  /** the rocket plugin reported in: Artillery had installed its signal handlers (nothing is sent before) */
  started: boolean;
}

export interface ArtilleryRun {
  /** resolves when Artillery has exited */
  done: Promise<ArtilleryOutcome>;
  /** ends the run gracefully: the reason goes to the rocket plugin, then SIGINT; SIGKILL if it has not ended 30 s later */
  stop(stop: Omit<RunStop, 'at'>): void;
  /** kills Artillery at once */
  abort(): void;
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

/** How long Artillery may take to write its results and leave after a stop. */
const STOP_GRACE_MS = 30_000;

/** Starts Artillery; it runs until its phases end, or until `stop` or `abort`. */
export function spawnArtillery(invocation: ArtilleryInvocation): ArtilleryRun {
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
  let started = false;
  child.on('message', (message) => {
    if ((message as { type?: string })?.type === 'rocket:ready') started = true;
    invocation.onMessage(message);
  });

  let killed = false;
  let killTimer: NodeJS.Timeout | undefined;
  const kill = () => {
    killed = true;
    child.kill('SIGKILL');
  };
  const deadline = setTimeout(() => invocation.onDeadline(), invocation.deadlineMs);
  const done = new Promise<ArtilleryOutcome>((resolve, reject) => {
    child.on('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(deadline);
      if (killTimer) clearTimeout(killTimer);
      log.end(() => resolve({ exitCode: code ?? (signal ? 128 : 1), killed, started }));
    });
  });
  return {
    done,
    stop(stop) {
      if (killTimer || child.exitCode !== null) return;
      if (child.connected) child.send({ type: 'rocket:stop', stop });
      child.kill('SIGINT');
      killTimer = setTimeout(kill, STOP_GRACE_MS);
    },
    abort: kill,
  };
}
