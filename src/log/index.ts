export { createLogger, type Logger, type LoggerOptions } from './createLogger.ts';
export { redactDeep, redactString, registerSecret } from './redact.ts';
