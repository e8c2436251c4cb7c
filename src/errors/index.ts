export {
  ConfigError,
  ExitCode,
  RunInterruptedError,
  SimError,
  TargetUnreachableError,
  UsageError,
  exitCodeOf,
} from './SimError.ts';
