/** @module Starts the canned-response server in its own process and talks to its counters. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface CannedServer {
  url: string;
  pid: number;
  /** requests per `METHOD path` since the last reset */
  stats(): Promise<Record<string, number>>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL('./createCannedServer.ts', import.meta.url));
const START_TIMEOUT_MS = 10_000;

/** Spawns `node bench/lib/createCannedServer.ts` and resolves once it listens on 127.0.0.1. */
export async function startCannedServer(): Promise<CannedServer> {
  const child: ChildProcess = spawn(process.execPath, [SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`the canned server printed no port within ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /"port":(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the canned server exited with code ${code} before listening`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    pid: child.pid!,
    async stats() {
      const response = await fetch(`${url}/__stats`, { signal: AbortSignal.timeout(5000) });
      return (await response.json()) as Record<string, number>;
    },
    async reset() {
      await fetch(`${url}/__reset`, { method: 'POST', signal: AbortSignal.timeout(5000) });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
