/**
 * @module Checks every file a command reads and every path it writes before it does anything, so a
 * typo in `--baseline`, `--junit` or `--out` stops the command at once (exit code 2, nothing sent,
 * nothing written) instead of after a whole load test. Nothing is created here.
 */
import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../errors/index.ts';

/** The path's stats; undefined when nothing is there (or a file stands where a directory of it should be). */
function statOf(path: string, flag: string, shown: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw describe(error, flag, shown);
  }
}

/** The nearest ancestor of `path` that exists (the path itself when it exists). */
function nearestExisting(path: string, flag: string): { path: string; stats: Stats } {
  for (let current = resolve(path); ; current = dirname(current)) {
    const stats = statOf(current, flag, path);
    if (stats) return { path: current, stats };
    if (dirname(current) === current) throw new ConfigError(flag, `${path}: no part of the path exists`);
  }
}

function describe(error: unknown, flag: string, path: string): ConfigError {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
  return new ConfigError(flag, `${path}: cannot be used (${code})`, { cause: error });
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The directory a new file or directory would be created in: it must be a writable directory. */
function checkCreatable(path: string, flag: string): void {
  const existing = nearestExisting(dirname(resolve(path)), flag);
  if (!existing.stats.isDirectory()) {
    throw new ConfigError(flag, `${path}: ${existing.path} is a file, not a directory`);
  }
  if (!writable(existing.path)) throw new ConfigError(flag, `${path}: ${existing.path} is not writable`);
}

/** A file the command reads: it exists, is a file and is readable. */
export function checkInputFile(path: string, flag: string): void {
  const stats = nearestExisting(path, flag);
  if (stats.path !== resolve(path)) throw new ConfigError(flag, `${path}: file not found`);
  if (stats.stats.isDirectory()) throw new ConfigError(flag, `${path}: is a directory, not a file`);
  try {
    accessSync(path, constants.R_OK);
  } catch {
    throw new ConfigError(flag, `${path}: is not readable`);
  }
}

/** A file the command writes: not a directory, and writable or creatable (its directories too). */
export function checkOutputFile(path: string, flag: string): void {
  const existing = nearestExisting(path, flag);
  if (existing.path === resolve(path)) {
    if (existing.stats.isDirectory()) throw new ConfigError(flag, `${path}: is a directory; give a file name`);
    if (!writable(path)) throw new ConfigError(flag, `${path}: is not writable`);
    return;
  }
  checkCreatable(path, flag);
}

/** A directory the command writes into: a writable directory, or creatable. */
export function checkOutputDir(path: string, flag: string): void {
  const existing = nearestExisting(path, flag);
  if (existing.path === resolve(path)) {
    if (!existing.stats.isDirectory()) throw new ConfigError(flag, `${path}: is a file, not a directory`);
    if (!writable(path)) throw new ConfigError(flag, `${path}: is not writable`);
    return;
  }
  checkCreatable(path, flag);
}
