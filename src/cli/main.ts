/** @module `rocket-sim` entry: one binary, subcommands, exit codes from typed errors. */
import { ExitCode, SimError, UsageError, exitCodeOf } from '../errors/index.ts';
import { redactString } from '../log/index.ts';
import { generatorVersion } from '../report/generatorVersion.ts';
import { parseCommandArgs, type Command } from './command.ts';
import { commands } from './commands/index.ts';

/** Codes that name nothing more than the flag or variable the message already names. */
const PLAIN_CODES = new Set(['E_USAGE', 'E_CONFIG', 'E_SIM', 'E_TARGET_UNREACHABLE', 'E_INTERRUPTED']);

function usage(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    'rocket-sim: load tests for the Rocket / Entropy Network game backend',
    '',
    'usage: rocket-sim <command> [options]',
    '',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'rocket-sim help <command> shows the options of one command. Exit codes: 0 passed, 1 gate or',
    'check failed, 2 usage or configuration error, 3 target unreachable or crash, 130 interrupted',
    'before the load started or aborted. --verbose adds the stack trace to an error.',
  ].join('\n');
}

/** The commands of a group (`pool` → `pool status`, `pool bootstrap`, ...). */
function groupUsage(group: string): string | undefined {
  const members = commands.filter((command) => command.name.startsWith(`${group} `));
  if (members.length === 0) return undefined;
  const width = Math.max(...members.map((command) => command.name.length));
  return [
    `usage: rocket-sim ${group} <command> [options]`,
    '',
    ...members.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    `rocket-sim help ${group} <command> shows the options of one command.`,
  ].join('\n');
}

function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  // longest match first, so `pool status` wins over a hypothetical `pool`
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(' ');
    const command = commands.find((candidate) => candidate.name === name);
    if (command) return { command, rest: argv.slice(words) };
  }
  return undefined;
}

const unknownCommand = (words: string[]) =>
  new UsageError(`unknown command "${words.join(' ')}"; run rocket-sim --help`);

/**
 * The one line an error prints: a SimError's message (with its code when the code says more), or
 * for anything else its message and code, so a Node stack trace never stands in for an explanation.
 */
function errorLine(error: unknown): string {
  if (error instanceof SimError)
    return PLAIN_CODES.has(error.code) ? error.message : `${error.message} (${error.code})`;
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return `${error.message}${code && !error.message.includes(code) ? ` (${code})` : ''}; --verbose shows where it happened`;
  }
  return String(error);
}

/** The stack of an error and of every cause it wraps. */
function stackOf(error: unknown): string {
  const lines: string[] = [];
  for (let current = error, depth = 0; current !== undefined && depth < 5; depth += 1) {
    lines.push(current instanceof Error ? (current.stack ?? current.message) : String(current));
    current = current instanceof Error ? current.cause : undefined;
    if (current !== undefined) lines.push('caused by:');
  }
  return lines.join('\n');
}

/** Runs the CLI with the given arguments and resolves to the process exit code. */
export async function main(argv: string[]): Promise<ExitCode> {
  const verbose = argv.includes('--verbose');
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    console.log(usage());
    return argv.length === 0 ? ExitCode.usage : ExitCode.ok;
  }
  if (argv[0] === '--version' || argv[0] === 'version') {
    console.log(generatorVersion());
    return ExitCode.ok;
  }
  try {
    if (argv[0] === 'help') {
      if (argv.length === 1) {
        console.log(usage());
        return ExitCode.ok;
      }
      const found = findCommand(argv.slice(1));
      const group = found ? undefined : groupUsage(argv[1] ?? '');
      if (!found && group && argv.length === 2) {
        console.log(group);
        return ExitCode.ok;
      }
      if (!found || found.rest.length > 0) throw unknownCommand(argv.slice(1));
      console.log(`${found.command.summary}\n\nusage: ${found.command.usage}`);
      return ExitCode.ok;
    }
    const found = findCommand(argv);
    if (!found) {
      const group = groupUsage(argv[0] ?? '');
      if (group && (argv.length === 1 || argv[1] === '--help' || argv[1] === '-h')) {
        // `rocket-sim pool` lists the pool commands (a usage error, like a bare `rocket-sim`); --help asks for it
        (argv.length === 1 ? console.error : console.log)(group);
        return argv.length === 1 ? ExitCode.usage : ExitCode.ok;
      }
      throw unknownCommand(argv.slice(0, group ? 2 : 1));
    }
    const args = parseCommandArgs(found.command, found.rest);
    if (args.values.help) {
      console.log(`${found.command.summary}\n\nusage: ${found.command.usage}`);
      return ExitCode.ok;
    }
    return await found.command.run(args);
  } catch (error) {
    console.error(`rocket-sim: ${redactString(errorLine(error))}`);
    if (verbose) console.error(redactString(stackOf(error)));
    return exitCodeOf(error);
  }
}

const isEntry = process.argv[1] !== undefined && /(rocket-sim(\.js)?|cli\.js|main\.ts)$/.test(process.argv[1]);
if (isEntry) {
  process.exitCode = await main(process.argv.slice(2));
}
