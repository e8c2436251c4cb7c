/**
 * @module The Docker image, replayed without a Docker engine: the Dockerfile's build-stage commands
 * run on a staged copy of the build context, the runtime stage's `npm install` of the tarball runs
 * into a temporary directory, and the installed entrypoint passes `self-test` and a short `once` run
 * on its embedded stack. A wrong path or command in the Dockerfile fails here.
 */
import { execFileSync } from 'node:child_process';
import { type Dirent, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastInstruction, parseDockerfile, type DockerStage } from './support/parseDockerfile.ts';
import { cleanEnv, expectSuccess, runCommand } from './support/runCommand.ts';
import { ROOT } from './support/runResults.ts';
import { isInContext, parseDockerignore, stageBuildContext } from './support/stageBuildContext.ts';

const dockerfile = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const rules = parseDockerignore(readFileSync(join(ROOT, '.dockerignore'), 'utf8'));
const buildStage = dockerfile.find((stage) => stage.name === 'build');
const runtimeStage = dockerfile.at(-1)!;
/** The checkout's files of `dir` ending in `ext`, as package paths (`supabase/migrations/<file>.sql`). */
const shipped = (dir: string, ext: string) =>
  readdirSync(join(ROOT, dir))
    .filter((file) => file.endsWith(ext))
    .map((file) => `${dir}/${file}`);
/**
 * A path only tests use: a test file, a helper or fixture folder, a testkit, the benchmarks or the
 * test runner's config (the image and the npm package carry product code only).
 */
const isTestOnly = (path: string) =>
  /(^|\/)(test|tests|__tests__|testing|fixtures|support|bench)\//.test(path) ||
  /\.(test|spec)\.[cm]?[jt]s(\.map)?$/.test(path) ||
  /testkit|testFixtures|vitest\.config/i.test(path);

/** Every file under `dir`, as paths relative to it. */
const listFiles = (dir: string): string[] =>
  (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => posix.relative(dir, join(entry.parentPath, entry.name)));

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  files?: string[];
};

/** The WORKDIR in force before instruction `index` of a stage. */
function workdirBefore(stage: DockerStage, index: number): string {
  let dir = '/';
  stage.instructions.slice(0, index).forEach((instruction) => {
    if (instruction.keyword === 'WORKDIR') dir = posix.resolve(dir, instruction.args);
  });
  return dir;
}

describe('Dockerfile', () => {
  it('builds on node:24-slim in two stages and runs rocket-sim as a non-root user', () => {
    expect(buildStage, 'a stage named "build"').toBeDefined();
    expect(dockerfile.map((stage) => stage.image)).toEqual(['node:24-slim', 'node:24-slim']);
    expect(buildStage!.instructions.some((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args))).toBe(true);
    expect(
      buildStage!.instructions.some(
        (i) => i.keyword === 'RUN' && /\bnpm pack\b/.test(i.args) && /npm run build/.test(i.args),
      ),
    ).toBe(true);

    expect(lastInstruction(runtimeStage, 'ENTRYPOINT')?.json).toEqual(['rocket-sim']);
    expect(lastInstruction(runtimeStage, 'CMD')?.json).toEqual(['run', 'soak', '-e', 'production']);
    const user = lastInstruction(runtimeStage, 'USER')?.args;
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
    expect(runtimeStage.env).toMatchObject({
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
      ARTILLERY_DISABLE_TELEMETRY: 'true',
      SIM_EVENT_LOG: '-',
    });
    // the runtime stage gets the tarball, never the build context or node_modules of the build stage
    const copies = runtimeStage.instructions.filter((i) => i.keyword === 'COPY');
    expect(copies.map((copy) => copy.args)).toEqual([expect.stringMatching(/^--from=build \S+\.tgz \S+\.tgz$/)]);
  });

  it('keeps secrets, build output, tests and dependencies out of the build context', () => {
    for (const path of [
      '.env',
      '.env.production',
      '.git/config',
      'node_modules/viem/package.json',
      'reports/x/results.json',
      'dist/cli.js',
      '.rocket-sim/local.json',
    ]) {
      expect(isInContext(rules, path), path).toBe(false);
    }
    expect(isInContext(rules, 'src/pool/claimWallets.test.ts')).toBe(false);
    expect(isInContext(rules, 'test/support/pool/openPoolDb.ts')).toBe(false);
    expect(isInContext(rules, 'src/pool/claimWallets.ts')).toBe(true);
    // every file the build stage copies by name is in the context
    for (const copy of buildStage!.instructions.filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))) {
      const sources = copy.args
        .split(/\s+/)
        .slice(0, -1)
        .filter((source) => source !== '.');
      for (const source of sources) {
        expect(existsSync(join(ROOT, source)), `COPY source ${source}`).toBe(true);
        expect(isInContext(rules, source), `COPY source ${source} is excluded by .dockerignore`).toBe(true);
      }
    }
  });
});

describe('image build replayed without Docker', () => {
  const timings: Record<string, number> = {};
  let scratch = '';
  let tarball = '';
  let app = '';
  let work = '';
  let runtimeEnv: Record<string, string> = {};
  let entrypoint = '';

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'rocket-sim-image-'));
    const context = join(scratch, 'build');
    app = join(scratch, 'app');
    work = join(scratch, 'work');
    for (const dir of [context, app, work]) mkdirSync(dir, { recursive: true });

    let started = Date.now();
    stageBuildContext(ROOT, context);
    timings.stage = Date.now() - started;

    // build stage: every RUN after `COPY . .` (npm ci is replaced by the linked node_modules)
    const copyAll = buildStage!.instructions.findIndex((i) => i.keyword === 'COPY' && /^\.\s+\.\/?$/.test(i.args));
    expect(copyAll, 'the build stage copies the context with COPY . .').toBeGreaterThan(0);
    started = Date.now();
    for (const run of buildStage!.instructions.slice(copyAll).filter((i) => i.keyword === 'RUN')) {
      expectSuccess(
        `build stage: RUN ${run.args}`,
        await runCommand('sh', ['-c', run.args], { cwd: context, env: cleanEnv(buildStage!.env), timeoutMs: 180_000 }),
      );
    }
    timings.buildAndPack = Date.now() - started;

    // runtime stage: COPY --from=build <build path> <runtime path>, then the npm install of that path
    const copyIndex = runtimeStage.instructions.findIndex((i) => i.keyword === 'COPY');
    const [, from = '', to = ''] = runtimeStage.instructions[copyIndex]!.args.split(/\s+/);
    const buildWorkdir = workdirBefore(buildStage!, buildStage!.instructions.length);
    tarball = join(context, posix.relative(buildWorkdir, from));
    expect(existsSync(tarball), `the build stage wrote ${from}`).toBe(true);

    const install = runtimeStage.instructions
      .find((i) => i.keyword === 'RUN' && /npm install/.test(i.args))!
      .args.split('&&')
      .map((part) => part.trim())
      .find((part) => part.startsWith('npm install'))!;
    expect(install).toContain('--omit=dev');
    expect(install).toContain(to);
    // an explicit --prefix: npm would otherwise install into the nearest parent with a package.json or node_modules
    const installDir = /--prefix[= ](\S+)/.exec(install)?.[1];
    expect(installDir, 'npm install --prefix <dir>').toBeDefined();
    expect(runtimeStage.env.PATH?.split(':')).toContain(`${installDir}/node_modules/.bin`);

    runtimeEnv = cleanEnv({
      ...runtimeStage.env,
      PATH: `${join(app, 'node_modules', '.bin')}:${cleanEnv().PATH}`,
      PLAYWRIGHT_BROWSERS_PATH: join(scratch, 'browsers'),
    });
    started = Date.now();
    // the npm cache that `npm ci` filled makes this an offline install; the registry is asked only on a miss
    const command = `${install.replace(to, tarball).replace(installDir!, app)} --prefer-offline`;
    expectSuccess(
      `runtime stage: ${command}`,
      await runCommand('sh', ['-c', command], { cwd: app, env: runtimeEnv, timeoutMs: 480_000 }),
    );
    timings.install = Date.now() - started;

    const [binary = ''] = lastInstruction(runtimeStage, 'ENTRYPOINT')!.json!;
    entrypoint = join(app, 'node_modules', '.bin', binary);
  }, 720_000);

  // the installed tree has tens of thousands of files: removing it takes a while on a busy disk
  afterAll(async () => {
    console.log(`docker-image replay timings (ms): ${JSON.stringify(timings)}`);
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }, 300_000);

  it('packs what the CLI needs at run time and nothing else', () => {
    const entries = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((entry) => entry.replace(/^package\//, ''));
    const required = [
      'package.json',
      'npm-shrinkwrap.json',
      'bin/rocket-sim.js',
      'dist/cli.js',
      'dist/processor.js',
      'dist/plugins/artillery-plugin-rocket/index.js',
      'artillery.yml',
      'src/local/db/bootstrap.sql',
      ...shipped('scenarios', '.yml'),
      ...shipped('supabase/migrations', '.sql'),
      ...shipped('src/local/schema', '.sql'),
    ];
    expect(entries).toEqual(expect.arrayContaining(required));
    expect(entries.filter((entry) => entry.endsWith('.ts'))).toEqual([]);
    expect(
      entries.filter((entry) => /^(test|src\/(?!local\/(db|schema)\/[^/]+\.sql$))|node_modules|\.env/.test(entry)),
    ).toEqual([]);
  });

  it('puts product code only into the image and the npm package: no test file, helper or fixture', () => {
    // what the predicate catches: the test code the tree has had in product folders before
    for (const path of [
      'test/support/pool/openPoolDb.ts',
      'test/fixtures/results/run.json',
      'src/pool/claimWallets.test.ts',
      'src/local/schema/testing/rpcResults.ts',
      'src/local/auth/createAuthHandler.testkit.ts',
      'src/report/testFixtures.ts',
      'bench/lib/median.ts',
    ])
      expect(isTestOnly(path), path).toBe(true);
    expect(isTestOnly('src/local/schema/0001_catalogue.sql')).toBe(false);
    const installed = join(app, 'node_modules', 'rocket-sim');
    const image = listFiles(installed);
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: ROOT,
        env: cleanEnv(),
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    ) as { files: { path: string }[] }[];
    const dryRun = packed!.files.map((file) => file.path);
    for (const [what, files] of [
      ['the image (installed package)', image],
      ['npm pack --dry-run', dryRun],
    ] as const) {
      expect(files, what).toEqual(expect.arrayContaining(['bin/rocket-sim.js', 'dist/cli.js', 'artillery.yml']));
      expect(files.filter(isTestOnly), what).toEqual([]);
    }
    // nor bundled into dist/: each bundle's source map lists every module it holds
    const maps = image.filter((file) => file.endsWith('.js.map'));
    expect(maps.sort()).toEqual([
      'dist/cli.js.map',
      'dist/plugins/artillery-plugin-rocket/index.js.map',
      'dist/processor.js.map',
    ]);
    const bundled = maps.flatMap((map) => {
      const { sources } = JSON.parse(readFileSync(join(installed, map), 'utf8')) as { sources: string[] };
      return sources.map((source) => posix.normalize(posix.join(posix.dirname(map), source)));
    });
    expect(bundled).toEqual(
      expect.arrayContaining(['src/cli/main.ts', 'processors/index.ts', 'processors/artillery-plugin-rocket.ts']),
    );
    expect(bundled.filter(isTestOnly)).toEqual([]);
  });

  it('installs without downloading a browser and exposes the entrypoint', () => {
    expect(existsSync(entrypoint), entrypoint).toBe(true);
    expect(existsSync(join(app, 'node_modules', 'rocket-sim', 'dist', 'cli.js'))).toBe(true);
    expect(existsSync(join(app, 'node_modules', 'vitest')), 'dev dependencies are not installed').toBe(false);
    expect(existsSync(join(scratch, 'browsers'))).toBe(false);
  });

  it('passes the offline self-test from the installed entrypoint', async () => {
    const started = Date.now();
    const result = expectSuccess(
      'rocket-sim self-test',
      await runCommand(entrypoint, ['self-test'], { cwd: work, env: runtimeEnv, timeoutMs: 60_000 }),
    );
    timings.selfTest = Date.now() - started;
    const line = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { event: string; checks: string[] };
    expect(line.event).toBe('self_test_ok');
    expect(line.checks).toContain('encryption round trip');
  }, 90_000);

  it('names the pool migrations it ships when a target lacks them (read from its supabase/migrations/)', async () => {
    // a target without the pool schema: PostgREST's answer for a table missing from its schema cache
    const target = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'PGRST205', message: 'Could not find the table in the schema cache' }));
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    try {
      const env = {
        ...runtimeEnv,
        SUPABASE_URL: `http://127.0.0.1:${(target.address() as AddressInfo).port}`,
        SUPABASE_ANON_KEY: 'anon-key-for-the-image-test',
        SIM_SUPABASE_SERVICE_ROLE_KEY: 'service-key-for-the-image-test',
      };
      const result = await runCommand(entrypoint, ['pool', 'status'], { cwd: work, env, timeoutMs: 60_000 });
      expect(result.code, result.stderr).toBe(2);
      const migrations = shipped('supabase/migrations', '.sql');
      expect(migrations.length).toBeGreaterThanOrEqual(2);
      expect(result.stderr).toContain(`apply ${migrations.sort().join(' and ')} to the project`);
    } finally {
      await new Promise((resolve) => target.close(resolve));
    }
  }, 90_000);

  it('runs the once scenario from the installed package against its embedded stack', async () => {
    const out = join(work, 'once');
    const started = Date.now();
    const env = { ...runtimeEnv, SIM_SEED: '7' };
    const result = await runCommand(entrypoint, ['run', 'once', '--duration', '15', '--players', '3', '--out', out], {
      cwd: work,
      env,
      timeoutMs: 240_000,
    });
    timings.onceRun = Date.now() - started;
    expectSuccess('rocket-sim run once', result);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('data-verdict="passed"');
    const counters = (
      JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { aggregate: { counters: Record<string, number> } }
    ).aggregate.counters;
    expect(counters['rocket.wallet_authenticated']).toBe(3);
    expect(counters['rocket.cycle_complete']).toBe(3);
    const meta = JSON.parse(readFileSync(join(out, 'run-meta.json'), 'utf8')) as {
      generatorVersion: string;
      gitCommit: string;
    };
    // from the installed copy, not the checkout: no git repository around it
    expect(meta).toMatchObject({ generatorVersion: pkg.version, gitCommit: 'unknown' });
  }, 300_000);
});
