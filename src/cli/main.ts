/** @module `rocket-sim` entry: one binary, subcommands, exit codes from typed errors. */
import { ExitCode, SimError, UsageError, exitCodeOf } from '../errors/index.ts';
import { redactString } from '../log/index.ts';
import { parseCommandArgs, type Command } from './command.ts';
import { commands } from './commands/index.ts';

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
    'check failed, 2 usage or configuration error, 3 target unreachable or crash.',
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

/** Runs the CLI with the given arguments and resolves to the process exit code. */
export async function main(argv: string[]): Promise<ExitCode> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    console.log(usage());
    return argv.length === 0 ? ExitCode.usage : ExitCode.ok;
  }
  if (argv[0] === 'help') {
    const found = findCommand(argv.slice(1));
    console.log(found ? `${found.command.summary}\n\nusage: ${found.command.usage}` : usage());
    return ExitCode.ok;
  }
  if (argv[0] === '--version' || argv[0] === 'version') {
    console.log((await import('../report/generatorVersion.ts')).generatorVersion());
    return ExitCode.ok;
  }
  try {
    const found = findCommand(argv);
    if (!found) throw new UsageError(`unknown command "${argv.slice(0, 2).join(' ')}"; run rocket-sim --help`);
    const args = parseCommandArgs(found.command, found.rest);
    if (args.values.help) {
      console.log(`${found.command.summary}\n\nusage: ${found.command.usage}`);
      return ExitCode.ok;
    }
    return await found.command.run(args);
  } catch (error) {
    const code = exitCodeOf(error);
    const message =
      error instanceof SimError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
    console.error(`rocket-sim: ${redactString(message)}`);
    return code;
  }
}

const isEntry = process.argv[1] !== undefined && /(rocket-sim(\.js)?|cli\.js|main\.ts)$/.test(process.argv[1]);
if (isEntry) {
  process.exitCode = await main(process.argv.slice(2));
}
