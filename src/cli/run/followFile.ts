/** @module `tail -f` for the event log: streams complete lines appended to a file while a run lasts. */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';

export interface Follower {
  /** reads what is left, then stops */
  stop(): void;
}

/** Polls `path` every `intervalMs` and hands each new complete line to `onLine`. */
export function followFile(path: string, onLine: (line: string) => void, intervalMs = 500): Follower {
  let offset = 0;
  let partial = '';
  const buffer = Buffer.alloc(64 * 1024);
  const drain = () => {
    if (!existsSync(path)) return;
    const fd = openSync(path, 'r');
    try {
      for (
        let read = readSync(fd, buffer, 0, buffer.length, offset);
        read > 0;
        read = readSync(fd, buffer, 0, buffer.length, offset)
      ) {
        offset += read;
        const lines = (partial + buffer.toString('utf8', 0, read)).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) if (line !== '') onLine(line);
      }
    } finally {
      closeSync(fd);
    }
  };
  const timer = setInterval(drain, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      drain();
    },
  };
}
