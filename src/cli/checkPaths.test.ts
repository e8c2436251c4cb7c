import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/index.ts';
import { checkInputFile, checkOutputDir, checkOutputFile } from './checkPaths.ts';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rocket-sim-paths-'));
  writeFileSync(join(dir, 'file.json'), '{}');
  mkdirSync(join(dir, 'sub'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('path checks', () => {
  it('accepts what can be read or written, creating nothing', () => {
    checkInputFile(join(dir, 'file.json'), '--baseline');
    checkOutputFile(join(dir, 'file.json'), '--junit');
    checkOutputFile(join(dir, 'new', 'deeper', 'junit.xml'), '--junit');
    checkOutputDir(join(dir, 'sub'), '--out');
    checkOutputDir(join(dir, 'new', 'run'), '--out');
    expect(readdirSync(dir).sort()).toEqual(['file.json', 'sub']);
  });

  it('names the flag and what is wrong', () => {
    const fails = (check: () => void) => {
      try {
        check();
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('no error');
    };
    expect(fails(() => checkInputFile(join(dir, 'missing.json'), '--baseline'))).toBe(
      `--baseline: ${join(dir, 'missing.json')}: file not found`,
    );
    expect(fails(() => checkInputFile(join(dir, 'sub'), '--baseline'))).toMatch(/is a directory, not a file/);
    expect(fails(() => checkOutputDir(join(dir, 'file.json', 'run'), '--out'))).toBe(
      `--out: ${join(dir, 'file.json', 'run')}: ${join(dir, 'file.json')} is a file, not a directory`,
    );
    expect(fails(() => checkOutputDir(join(dir, 'file.json'), '--out'))).toMatch(/is a file, not a directory/);
    expect(fails(() => checkOutputFile(join(dir, 'sub'), '--junit'))).toMatch(/is a directory; give a file name/);
    expect(fails(() => checkOutputFile(join(dir, 'file.json', 'j.xml'), '--junit'))).toMatch(
      /is a file, not a directory/,
    );
  });

  it.skipIf(process.getuid?.() === 0)('refuses a directory it may not write', () => {
    chmodSync(join(dir, 'sub'), 0o500);
    expect(() => checkOutputDir(join(dir, 'sub', 'run'), '--out')).toThrow(/is not writable/);
  });
});
