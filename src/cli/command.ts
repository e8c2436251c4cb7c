/** @module The shape of a CLI subcommand and the shared argument parser (node:util parseArgs). */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { isHttpUrl, normalizeBaseUrl } from '../config/baseUrl.ts';
import { parseDurationMs } from '../config/parseDuration.ts';
import { UsageError, type ExitCode } from '../errors/index.ts';

export interface Command {
  /** `pool bootstrap` style names have a space */
  name: string;
  summary: string;
  /** usage lines shown by `rocket-sim help <command>` */
  usage: string;
  options: ParseArgsOptionsConfig;
  /** whether positional arguments are accepted */
  positionals?: boolean;
  /**
   * flags whose number is optional (`--dashboard [PORT]`): given without one (the next word is not
   * a number), the flag takes this value
   */
  optionalNumbers?: Readonly<Record<string, string>>;
  run(args: ParsedArgs): Promise<ExitCode>;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/** Parses argv for one command; unknown flags and missing values become UsageErrors naming the flag. */
export function parseCommandArgs(command: Command, argv: string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: withOptionalNumbers(argv, command.optionalNumbers ?? {}),
      // --help and --verbose (the stack trace of an error) work on every command
      options: { help: { type: 'boolean', short: 'h' }, verbose: { type: 'boolean' }, ...command.options },
      allowPositionals: command.positionals ?? false,
      strict: true,
    });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    const message =
      error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error);
    throw new UsageError(`${command.name}: ${message}\nusage: ${command.usage.split('\n')[0]}`);
  }
}

/** `--flag` not followed by a number becomes `--flag=<default>` for the flags of `optionalNumbers`. */
function withOptionalNumbers(argv: readonly string[], defaults: Readonly<Record<string, string>>): string[] {
  return argv.map((word, index) => {
    const fallback = word.startsWith('--') ? defaults[word.slice(2)] : undefined;
    return fallback !== undefined && !/^\d+$/.test(argv[index + 1] ?? '') ? `${word}=${fallback}` : word;
  });
}

/** Reads a string flag; UsageError when it is given more than once or without a value. */
export function stringFlag(args: ParsedArgs, flag: string): string | undefined {
  const value = args.values[flag];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new UsageError(`--${flag} needs a value`);
  return value;
}

/** Reads `--target URL`: an http(s) URL without trailing slashes; the error shows `example`. */
export function targetFlag(args: ParsedArgs, example: string): string | undefined {
  const raw = stringFlag(args, 'target');
  if (raw === undefined) return undefined;
  if (!isHttpUrl(raw)) throw new UsageError(`--target must be an http(s) URL such as ${example} (got "${raw}")`);
  return normalizeBaseUrl(raw);
}

/** Reads a repeatable string flag. */
export function stringListFlag(args: ParsedArgs, flag: string): string[] {
  const value = args.values[flag];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** Reads an integer flag within bounds; the error names the flag. */
export function integerFlag(args: ParsedArgs, flag: string, min: number, max: number): number | undefined {
  const raw = stringFlag(args, flag);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new UsageError(`--${flag} must be an integer between ${min} and ${max} (got "${raw}")`);
  }
  return Number(raw);
}

/** Parses durations such as `90s`, `15m`, `1h`, `500ms` or plain seconds (above zero); the error names the flag. */
export function durationFlagMs(args: ParsedArgs, flag: string): number | undefined {
  const raw = stringFlag(args, flag);
  if (raw === undefined) return undefined;
  const ms = parseDurationMs(raw);
  if (ms === undefined || ms <= 0)
    throw new UsageError(`--${flag} must be a duration such as 90s, 15m, 1h or 500ms (got "${raw}")`);
  return ms;
}
