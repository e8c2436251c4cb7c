/**
 * @module docs/architecture.md stays true: every path it names exists, README links it, and each of
 * its "where things happen" answers names a file that exports the function it points to.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/runResults.ts';

const map = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');

/** The repository's top-level entries a path in the map may start with (dist/ is build output). */
const TOP =
  /^(src|test|bench|bin|scripts|processors|scenarios|supabase|docs|deploy)\/|^(artillery\.yml|biome\.jsonc|knip\.jsonc|package\.json|Dockerfile|\.ci\/run)$/;

/** Every `code` span of the map that is a path in this repository (placeholders like `<name>` aside). */
const namedPaths = [...map.matchAll(/`([^`\s]+)`/g)]
  .map((match) => match[1]!)
  .filter((text) => TOP.test(text) && !/[<>*]/.test(text));

describe('docs/architecture.md', () => {
  it('names only paths that exist', () => {
    expect(namedPaths.length).toBeGreaterThan(40);
    const missing = [...new Set(namedPaths)].filter((path) => !existsSync(join(ROOT, path)));
    expect(missing).toEqual([]);
  });

  it('is linked from README (the first hop)', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('(docs/architecture.md)');
  });

  it('answers where a SIWE body is built, a SQL error becomes a status, a gate is evaluated, a pool wallet is decrypted', () => {
    const section = map.slice(map.indexOf('## Where things happen'), map.indexOf('## Capabilities'));
    const rows = section
      .split('\n')
      .filter((line) => line.startsWith('| where'))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    expect(rows.map((cells) => cells[1])).toEqual([
      'where is a SIWE sign-in request body built?',
      'where does a SQL error become an HTTP status?',
      'where is a gate evaluated?',
      'where is a pool wallet decrypted?',
    ]);
    for (const [, question, fileCell = '', readCell = ''] of rows) {
      const file = /`([^`]+)`/.exec(fileCell)?.[1] ?? '';
      const source = readFileSync(join(ROOT, file), 'utf8');
      const name = /`(\w+)`/.exec(readCell)?.[1] ?? '(none named)';
      expect(source, `${question} ${file}`).toMatch(new RegExp(`export (async )?function ${name}\\b`));
    }
  });
});
