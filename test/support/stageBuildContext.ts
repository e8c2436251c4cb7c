/**
 * @module Stages the Docker build context (the repository filtered by `.dockerignore`) in a
 * directory, so tests can build, pack and run exactly what the image would, without a Docker engine
 * and without touching the repository's own dist/ (other tests rebuild it while they run).
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface IgnoreRule {
  negate: boolean;
  pattern: string;
  regexp: RegExp;
}

/** A `.dockerignore` pattern as Docker matches it: `*` and `?` within one path segment, `**` across segments, dotfiles included. */
function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index]!;
    if (char === '*' && pattern[index + 1] === '*') {
      const slashAfter = pattern[index + 2] === '/';
      source += slashAfter ? '(?:.*/)?' : '.*';
      index += slashAfter ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Reads `.dockerignore` rules in order (later rules win, `!` re-includes). */
export function parseDockerignore(text: string): IgnoreRule[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      const pattern = (negate ? line.slice(1) : line).trim().replace(/^\/+/, '').replace(/\/+$/, '');
      return { negate, pattern, regexp: globToRegExp(pattern) };
    });
}

/** Whether a path (relative, `/`-separated) is in the build context: the last rule matching it or a parent directory decides. */
export function isInContext(rules: readonly IgnoreRule[], path: string): boolean {
  const prefixes = path.split('/').map((_, index, parts) => parts.slice(0, index + 1).join('/'));
  let included = true;
  for (const rule of rules) {
    if (prefixes.some((prefix) => rule.regexp.test(prefix))) included = rule.negate;
  }
  return included;
}

/** Directories never walked (the context rules must exclude them; the tests check that). */
const NEVER_WALKED = ['.git', 'node_modules'];

/** Relative paths of every file of `root` that enters the build context. */
function contextFiles(root: string, rules: readonly IgnoreRule[]): string[] {
  const files: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (relative === '' && NEVER_WALKED.includes(entry.name)) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && isInContext(rules, path)) files.push(path);
    }
  };
  walk('');
  return files.sort();
}

/**
 * Copies the build context of `root` into `dir` and links `root`'s node_modules there: that link
 * stands in for the image's `npm ci` of the same lockfile. Returns the staged file list.
 */
export function stageBuildContext(root: string, dir: string): string[] {
  const rules = parseDockerignore(readFileSync(join(root, '.dockerignore'), 'utf8'));
  const files = contextFiles(root, rules);
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(root, file), join(dir, file));
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return files;
}
