/** @module The registry of subcommands, in the order `rocket-sim --help` lists them. */
import type { Command } from '../command.ts';

export const commands: Command[] = [];
