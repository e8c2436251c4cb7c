export { createLogger, type Logger } from './createLogger.ts';
export { redactDeep, redactString, registerSecret } from './redact.ts';
