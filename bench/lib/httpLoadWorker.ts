/**
 * @module The HTTP clients of the local-stack benchmark, on their own thread: the stack's thread
 * then pays only for serving, as it would with Artillery in another process. Started by
 * `startHttpLoadWorker`; answers `rpc` and `mix` commands one at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { benchRpcCases } from './benchRpcCases.ts';
import { createHttpClient } from './createHttpClient.ts';
import type { GameplayFixture } from './prepareGameplay.ts';
import { runBounded } from './runBounded.ts';
import { emptyMixResult, runGameplayMix } from './runGameplayMix.ts';
import { userRpc } from './userRpc.ts';

export interface HttpLoadSetup {
  url: string;
  anonKey: string;
  fixture: GameplayFixture;
  deadlineMs: number;
}

export type HttpLoadCommand = { type: 'rpc'; fn: string; count: number } | { type: 'mix'; cycles: number };

const setup = workerData as HttpLoadSetup;
const { fixture } = setup;
const client = createHttpClient(setup.url, { sockets: fixture.players.length });

async function run(command: HttpLoadCommand): Promise<unknown> {
  if (command.type === 'mix') {
    const result = emptyMixResult();
    await runGameplayMix({
      client,
      anonKey: setup.anonKey,
      fixture,
      cycles: command.cycles,
      deadlineMs: setup.deadlineMs,
      result,
    });
    return result;
  }
  const rpc = benchRpcCases.find((candidate) => candidate.fn === command.fn);
  if (!rpc) throw new Error(`no bench RPC named ${command.fn}`);
  return runBounded({
    count: command.count,
    concurrency: fixture.players.length,
    deadlineMs: setup.deadlineMs,
    async task(_index, lane) {
      const user = fixture.players[lane]!;
      const response = await userRpc(client, setup.anonKey, user, rpc.fn, rpc.args(user));
      if (response.status !== 200)
        throw new Error(`${rpc.fn} answered ${response.status}: ${response.body.slice(0, 200)}`);
    },
  });
}

parentPort!.on('message', (command: HttpLoadCommand | { type: 'close' }) => {
  if (command.type === 'close') {
    client.close();
    parentPort!.close();
    return;
  }
  run(command).then(
    (result) => parentPort!.postMessage({ ok: true, result }),
    (error: unknown) =>
      parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
});
