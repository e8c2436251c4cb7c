export { ConfigError, ExitCode, SimError, TargetUnreachableError, UsageError, exitCodeOf } from './SimError.ts';
