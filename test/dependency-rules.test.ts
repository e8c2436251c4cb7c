/**
 * @module The dependency rules of biome.jsonc catch what they claim to: the project's own config is
 * run by Biome over a scratch tree of probe files, one per rule, and over imports the rules allow.
 * (`npm test` runs the same rules over the real tree; this proves they would fail it.)
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/runResults.ts';
import { tempDir, type TempDir } from './support/tempDir.ts';

/** path of a probe → its source; the comment names what the rules must say of it */
const probes: Record<string, string> = {
  // src/local never imports the client side
  'src/local/importsGameplay.ts': "import { x } from '../gameplay/player/index.ts';\nexport const y = x;\n",
  'src/local/rest/importsPool.ts': "import { x } from '../../pool/index.ts';\nexport const y = x;\n",
  'src/local/importsCli.ts': "import type { X } from '../cli/command.ts';\nexport type Y = X;\n",
  // wallets is below pool and gameplay, pool below gameplay
  'src/wallets/importsPool.ts': "import { x } from '../pool/index.ts';\nexport const y = x;\n",
  'src/wallets/importsGameplay.ts': "import type { X } from '../gameplay/persona.ts';\nexport type Y = X;\n",
  'src/pool/importsGameplay.ts': "import type { X } from '../gameplay/persona.ts';\nexport type Y = X;\n",
  // no product file imports from test/ or the test runner
  'src/report/importsTestSupport.ts': "import { x } from '../../test/support/tempDir.ts';\nexport const y = x;\n",
  'processors/importsTestSupport.ts': "import { x } from '../test/support/runCli.ts';\nexport const y = x;\n",
  'scripts/importsFixture.ts': "import { x } from '../test/fixtures/results/a.ts';\nexport const y = x;\n",
  'src/health/importsVitest.ts': "import { expect } from 'vitest';\nexport const y = expect;\n",
  // a cycle, even of types only
  'src/report/cycleA.ts': "import type { B } from './cycleB.ts';\nexport interface A {\n  b: B;\n}\n",
  'src/report/cycleB.ts': "import type { A } from './cycleA.ts';\nexport interface B {\n  a?: A;\n}\n",
  // allowed: gameplay drives pool seats and wallets; the CLI starts the stack; tests import helpers
  'src/gameplay/importsPoolAndWallets.ts':
    "import { x } from '../pool/index.ts';\nimport { w } from '../wallets/index.ts';\nexport const y = [x, w];\n",
  'src/cli/importsLocal.ts': "import { x } from '../local/index.ts';\nexport const y = x;\n",
  'src/local/usesTestSupport.test.ts':
    "import { x } from '../../test/support/local/authFixture.ts';\nexport const y = x;\n",
};

interface Diagnostic {
  category: string;
  message: string;
  location: { path: string };
}

let scratch: TempDir;
let diagnostics: Diagnostic[];

beforeAll(() => {
  scratch = tempDir('dependency-rules');
  copyFileSync(join(ROOT, 'biome.jsonc'), join(scratch.path, 'biome.jsonc'));
  for (const [path, source] of Object.entries(probes)) {
    mkdirSync(dirname(join(scratch.path, path)), { recursive: true });
    writeFileSync(join(scratch.path, path), source);
  }
  let out: string;
  try {
    out = execFileSync(
      join(ROOT, 'node_modules', '.bin', 'biome'),
      ['lint', '--vcs-enabled=false', '--reporter=json', '.'],
      {
        cwd: scratch.path,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  } catch (error) {
    // Biome exits 1 when it reports errors, which the probes are made to cause
    out = (error as { stdout: string }).stdout;
  }
  diagnostics = (JSON.parse(out) as { diagnostics: Diagnostic[] }).diagnostics;
});

afterAll(() => scratch?.remove());

/** The rules that fired on one probe, e.g. `['style/noRestrictedImports']`. */
const rulesOf = (path: string) =>
  diagnostics.filter((d) => d.location.path === path).map((d) => d.category.replace(/^lint\//, ''));
const messagesOf = (path: string) => diagnostics.filter((d) => d.location.path === path).map((d) => d.message);

describe('dependency rules (biome.jsonc)', () => {
  it('keep src/local off the client side: gameplay, pool and cli, from any depth', () => {
    for (const path of ['src/local/importsGameplay.ts', 'src/local/rest/importsPool.ts', 'src/local/importsCli.ts']) {
      expect(rulesOf(path), path).toEqual(['style/noRestrictedImports']);
      expect(messagesOf(path), path).toEqual(['src/local is the target side: it never imports gameplay, pool or cli.']);
    }
  });

  it('layer wallets below pool below gameplay, so the three have no mutual imports', () => {
    for (const path of [
      'src/wallets/importsPool.ts',
      'src/wallets/importsGameplay.ts',
      'src/pool/importsGameplay.ts',
    ]) {
      expect(rulesOf(path), path).toEqual(['style/noRestrictedImports']);
    }
    expect(rulesOf('src/gameplay/importsPoolAndWallets.ts')).toEqual([]);
  });

  it('keep test/ and the test runner out of product code, and allow them in tests', () => {
    for (const path of [
      'src/report/importsTestSupport.ts',
      'processors/importsTestSupport.ts',
      'scripts/importsFixture.ts',
      'src/health/importsVitest.ts',
    ]) {
      expect(rulesOf(path), path).toEqual(['style/noRestrictedImports']);
    }
    expect(messagesOf('src/report/importsTestSupport.ts')).toEqual(['Product code never imports from test/.']);
    expect(rulesOf('src/local/usesTestSupport.test.ts')).toEqual([]);
    expect(rulesOf('src/cli/importsLocal.ts')).toEqual([]);
  });

  it('find an import cycle, even one of type-only imports', () => {
    expect(rulesOf('src/report/cycleA.ts')).toEqual(['suspicious/noImportCycles']);
    expect(rulesOf('src/report/cycleB.ts')).toEqual(['suspicious/noImportCycles']);
  });
});
