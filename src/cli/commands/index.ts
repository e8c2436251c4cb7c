/** @module The registry of subcommands, in the order `rocket-sim --help` lists them. */
import type { Command } from '../command.ts';
import { compareCommand } from './compare.ts';
import { healthCommand } from './health.ts';
import { localCommand } from './local.ts';
import { mergeCommand } from './merge.ts';
import { poolCommands } from './pool.ts';
import { reportCommand } from './report.ts';
import { runCommand } from './run.ts';
import { selfTestCommand } from './selfTest.ts';

export const commands: Command[] = [
  runCommand,
  localCommand,
  reportCommand,
  compareCommand,
  mergeCommand,
  healthCommand,
  ...poolCommands,
  selfTestCommand,
];
