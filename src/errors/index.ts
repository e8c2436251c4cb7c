export {
  ConfigError,
  ExitCode,
  PreflightError,
  RunInterruptedError,
  SimError,
  TargetUnreachableError,
  UsageError,
  exitCodeOf,
} from './SimError.ts';
