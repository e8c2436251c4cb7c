/** @module The registry of subcommands, in the order `rocket-sim --help` lists them. */
import type { Command } from '../command.ts';
import { localCommand } from './local.ts';

export const commands: Command[] = [localCommand];
