/** @module The shape of a CLI subcommand and the shared argument parser (node:util parseArgs). */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
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
      args: argv,
      options: { help: { type: 'boolean', short: 'h' }, ...command.options },
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

/** Reads a string flag; UsageError when it is given more than once or without a value. */
export function stringFlag(args: ParsedArgs, flag: string): string | undefined {
  const value = args.values[flag];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new UsageError(`--${flag} needs a value`);
  return value;
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

/** Parses durations such as `90s`, `15m`, `1h`, `500ms` or plain seconds; the error names the flag. */
export function durationFlagMs(args: ParsedArgs, flag: string): number | undefined {
  const raw = stringFlag(args, flag);
  if (raw === undefined) return undefined;
  const ms = parseDurationMs(raw);
  if (ms === undefined)
    throw new UsageError(`--${flag} must be a duration such as 90s, 15m, 1h or 500ms (got "${raw}")`);
  return ms;
}

/** `90s` → 90000; plain numbers are seconds; undefined when malformed. */
function parseDurationMs(raw: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(raw.trim());
  if (!match) return undefined;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 's'] ?? 1000;
  const ms = Math.round(Number(match[1]) * unit);
  return ms > 0 ? ms : undefined;
}
