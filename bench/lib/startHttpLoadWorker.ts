/** @module Starts the benchmark's HTTP client thread (httpLoadWorker.ts) and sends it commands. */
import { Worker } from 'node:worker_threads';
import type { HttpLoadCommand, HttpLoadSetup } from './httpLoadWorker.ts';
import type { BoundedRun } from './runBounded.ts';
import type { MixResult } from './runGameplayMix.ts';

export interface HttpLoadWorker {
  /** calls `fn` `count` times from one lane per player */
  rpc(fn: string, count: number): Promise<BoundedRun>;
  /** runs `cycles` gameplay cycles in total */
  mix(cycles: number): Promise<MixResult>;
  close(): Promise<void>;
}

/** A client thread for the stack at `setup.url`, one keep-alive connection per player. */
export function startHttpLoadWorker(setup: HttpLoadSetup): HttpLoadWorker {
  const worker = new Worker(new URL('./httpLoadWorker.ts', import.meta.url), { workerData: setup });
  let failure: Error | undefined;
  worker.on('error', (error: Error) => {
    failure = error;
  });
  const send = <T>(command: HttpLoadCommand): Promise<T> =>
    new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      const onError = (error: Error) => reject(error);
      worker.once('error', onError);
      worker.once('message', (reply: { ok: true; result: T } | { ok: false; message: string }) => {
        worker.off('error', onError);
        if (reply.ok) resolve(reply.result);
        else reject(new Error(reply.message));
      });
      worker.postMessage(command);
    });
  return {
    rpc: (fn, count) => send<BoundedRun>({ type: 'rpc', fn, count }),
    mix: (cycles) => send<MixResult>({ type: 'mix', cycles }),
    async close() {
      worker.postMessage({ type: 'close' });
      await new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    },
  };
}
