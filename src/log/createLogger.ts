/** @module The one logger: pino, JSON lines `{"ts","event",...}` like the legacy worker, secrets redacted. */
import { pino, type DestinationStream, type Logger } from 'pino';
import { redactDeep } from './redact.ts';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** `stdout` (default), `stderr`, a file path (appended), or a stream */
  destination?: 'stdout' | 'stderr' | string | DestinationStream;
  /** pino level, default `info` */
  level?: string;
  /** fields bound to every line, e.g. `{ runId, scenario }` */
  bindings?: Record<string, unknown>;
}

/**
 * Creates a logger that writes one JSON object per line: `{"ts": ISO, "event": name, ...}`.
 * Level is only written for warnings and errors; every field is passed through the redactor.
 * File destinations are opened in append mode with synchronous writes, so several worker
 * threads can share one event log without tearing lines and nothing is lost at exit.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const { destination = 'stdout', level = 'info', bindings } = options;
  const stream =
    typeof destination === 'object'
      ? destination
      : pino.destination({
          dest: destination === 'stdout' ? 1 : destination === 'stderr' ? 2 : destination,
          append: true,
          mkdir: true,
          sync: true,
        });
  const logger = pino(
    {
      level,
      base: null,
      messageKey: 'message',
      // pino writes the level chunk first, then the timestamp: with an empty level chunk the
      // timestamp (without pino's usual leading comma) opens every line; `level` comes from the
      // mixin, and only for warnings and errors
      timestamp: () => `"ts":"${new Date().toISOString()}"`,
      mixin: (_object, level) => (level >= 40 ? { level: pino.levels.labels[level] } : {}),
      formatters: {
        level: () => ({}),
        log: (object) => redactDeep(object) as Record<string, unknown>,
      },
    },
    stream,
  );
  return bindings ? logger.child(redactDeep(bindings) as Record<string, unknown>) : logger;
}
