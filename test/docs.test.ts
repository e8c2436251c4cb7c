/**
 * @module The documentation stays true to the code: every variable of the registry is documented with
 * its default and aliases, every scenario and Make target is listed, and no link in docs/ is broken.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../src/cli/command.ts';
import { commands } from '../src/cli/commands/index.ts';
import { mergeCommand } from '../src/cli/commands/merge.ts';
import { variables } from '../src/config/variables.ts';
import { cleanEnv } from './support/runCommand.ts';
import { ROOT } from './support/runResults.ts';

const doc = (name: string) => readFileSync(join(ROOT, 'docs', name), 'utf8');

/** Table rows of configuration.md keyed by the variable in their first cell. */
function variableRows(markdown: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of markdown.split('\n')) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    const name = /^`([A-Z][A-Z0-9_]*)`$/.exec(cells[0] ?? '')?.[1];
    if (name && !rows.has(name)) rows.set(name, cells);
  }
  return rows;
}

describe('docs/configuration.md', () => {
  const rows = variableRows(doc('configuration.md'));

  it('documents every variable of the registry with its default and its other names', () => {
    for (const spec of Object.values(variables)) {
      const row = rows.get(spec.name);
      expect(row, `${spec.name} has a row`).toBeDefined();
      const [, documentedDefault, aliases] = row!;
      expect(documentedDefault, `${spec.name} default`).toBe(spec.default === undefined ? '–' : `\`${spec.default}\``);
      const expected = 'aliases' in spec && spec.aliases ? spec.aliases.map((alias) => `\`${alias}\``).join(', ') : '–';
      expect(aliases, `${spec.name} aliases`).toBe(expected);
    }
  });

  it('documents no variable the registry does not have', () => {
    const registry = new Set(Object.keys(variables));
    expect([...rows.keys()].filter((name) => !registry.has(name))).toEqual([]);
  });

  it('lists every flag of run and local', () => {
    const text = doc('configuration.md');
    for (const name of ['run', 'local']) {
      const command = commands.find((candidate) => candidate.name === name)!;
      for (const flag of Object.keys(command.options)) expect(text, `${name} --${flag}`).toContain(`--${flag}`);
    }
  });

  it('names every command', () => {
    const text = doc('configuration.md');
    for (const command of [...commands, mergeCommand]) {
      const root = command.name.split(' ')[0]!;
      expect(text, command.name).toContain(`rocket-sim ${root}`);
      if (command.name.includes(' ')) expect(text, command.name).toContain(command.name.split(' ')[1]!);
    }
  });
});

describe('docs/scenarios.md', () => {
  it('has a section for every scenario file', () => {
    const headings = [...doc('scenarios.md').matchAll(/^## (\S+)\s*$/gm)].map((match) => match[1]);
    const scenarios = readdirSync(join(ROOT, 'scenarios'))
      .filter((file) => file.endsWith('.yml'))
      .map((file) => file.slice(0, -4));
    expect(scenarios.length).toBeGreaterThan(0);
    for (const scenario of scenarios) expect(headings, scenario).toContain(scenario);
  });
});

/** Every `rocket-sim ...` command line in the fenced code blocks of README.md and docs/ (synopses with `<...>` or `[...]` left out). */
function documentedCommands(): { file: string; line: string; argv: string[] }[] {
  const files = [
    'README.md',
    ...readdirSync(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  const found: { file: string; line: string; argv: string[] }[] = [];
  for (const file of files) {
    const blocks = [...readFileSync(join(ROOT, file), 'utf8').matchAll(/^```[a-z]*\n([\s\S]*?)^```/gm)].map(
      (m) => m[1]!,
    );
    const lines = blocks.flatMap((block) => block.replace(/\\\n\s*/g, ' ').split('\n'));
    for (const raw of lines) {
      const line = raw
        .replace(/\s+#.*$/, '')
        .split(/\s(?:&&|\|\||\|)\s/)[0]!
        .trim();
      const match = /^(?:npx |[A-Z_]+=\S+ )*rocket-sim (.+)$/.exec(line);
      if (!match || /[<[]/.test(match[1]!)) continue;
      const argv = [...match[1]!.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
      found.push({ file, line, argv });
    }
  }
  return found;
}

describe('every rocket-sim command the docs show', () => {
  const documented = documentedCommands();

  it('is found (the scan reads the docs)', () => {
    expect(documented.length).toBeGreaterThanOrEqual(9);
    expect(documented.map((entry) => entry.line)).toContain(
      'rocket-sim report reports/fargate-gameplay/results.json --scenario gameplay -e staging',
    );
  });

  it.for(documented.map((entry) => [`${entry.file}: ${entry.line}`, entry.argv] as const))('%s parses', ([, argv]) => {
    const command =
      commands.find((candidate) => candidate.name === argv.slice(0, 2).join(' ')) ??
      commands.find((candidate) => candidate.name === argv[0]);
    expect(command, argv.join(' ')).toBeDefined();
    const rest = argv.slice(command!.name.split(' ').length);
    const parsed = parseCommandArgs(command!, rest);
    if (!command!.positionals) expect(parsed.positionals).toEqual([]);
  });
});

describe('docs/scenarios.md and the player', () => {
  it('says what the runtime does after a last cycle: no pause (createPlayerRuntime.test.ts checks the 0)', () => {
    const once = doc('scenarios.md')
      .split(/^## /m)
      .find((section) => section.startsWith('once'))!;
    expect(once).toContain('leaves\nright after its last cycle');
    expect(doc('scenarios.md')).not.toMatch(/waits one\s+loop interval after its cycle/);
  });
});

describe('Makefile and docs', () => {
  it('make help lists every target of the Makefile', () => {
    const makefile = readFileSync(join(ROOT, 'Makefile'), 'utf8');
    const phony = (/^\.PHONY:(.*)$/m.exec(makefile)?.[1] ?? '').trim().split(/\s+/);
    const help = spawnSync('make', ['--no-print-directory', 'help'], { cwd: ROOT, env: cleanEnv(), encoding: 'utf8' });
    expect(help.status).toBe(0);
    const listed = [...help.stdout.matchAll(/^ {2}([a-z][a-z0-9-]*) /gm)].map((match) => match[1]);
    expect(listed.sort()).toEqual([...phony].sort());
  });

  it('every relative link of the operator docs points at an existing file', () => {
    const files = ['scenarios', 'configuration', 'migrating', 'local-stack', 'report', 'ci', 'distributed'].map(
      (name) => join('docs', `${name}.md`),
    );
    for (const file of files) {
      for (const match of readFileSync(join(ROOT, file), 'utf8').matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        const target = match[1]!;
        if (/^[a-z]+:/.test(target)) continue;
        expect(existsSync(join(ROOT, dirname(file), target)), `${file} → ${target}`).toBe(true);
      }
    }
  });
});

describe('docs/examples/github-actions.yml', () => {
  it('runs the smoke gate on the embedded stack and uploads reports/ even when it failed', () => {
    const workflow = parse(readFileSync(join(ROOT, 'docs', 'examples', 'github-actions.yml'), 'utf8')) as {
      jobs: Record<string, { steps: { run?: string; uses?: string; if?: string; with?: Record<string, unknown> }[] }>;
    };
    const steps = workflow.jobs.smoke!.steps;
    const gate = steps.find((step) => step.run?.includes('rocket-sim run smoke'));
    expect(gate?.run).not.toMatch(/--target|-e (staging|production)/);
    const upload = steps.find((step) => step.uses?.startsWith('actions/upload-artifact'));
    expect(upload).toMatchObject({ if: 'always()', with: { path: 'reports/' } });
    expect(steps.indexOf(upload!)).toBeGreaterThan(steps.indexOf(gate!));
  });
});
