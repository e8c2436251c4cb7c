/**
 * @module The Makefile and docker-compose.yml: the legacy targets keep their names and commands,
 * the compose service passes every variable through, and the file is valid for the Compose client
 * when one is installed (no engine is needed for `config`); without a client the structure is
 * checked here only.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { variables } from '../src/config/variables.ts';
import { cleanEnv } from './support/runCommand.ts';
import { ROOT } from './support/runResults.ts';

const make = (...args: string[]) =>
  spawnSync('make', ['--no-print-directory', ...args], {
    cwd: ROOT,
    env: cleanEnv(),
    encoding: 'utf8',
    timeout: 30_000,
  });

/** Every variable the legacy worker's configuration table lists (shared/contract/legacy-worker.md §1), by name. */
const LEGACY_VARIABLES = [
  'VITE_SUPABASE_URL',
  'VITE_SUPABASE_PUBLISHABLE_KEY',
  'VITE_SUPABASE_ANON_KEY',
  'SIM_SUPABASE_SERVICE_ROLE_KEY',
  'SUPABASE_SERVICE_ROLE_KEY',
  'SIM_WALLET_SOURCE',
  'SIM_WALLET_PRIVATE_KEYS',
  'SIM_MANAGED_WALLETS_ENCRYPTION_KEY',
  'SIM_MANAGED_WALLET_TARGET_COUNT',
  'SIM_MANAGED_WALLET_GENERATION_MIN_INTERVAL_MS',
  'SIM_MANAGED_WALLET_GENERATION_MAX_INTERVAL_MS',
  'SIM_MANAGED_WALLET_KID',
  'SIM_IMPORT_ENV_WALLETS_TO_SUPABASE',
  'SIM_AUTO_CONFIRM_ETH_LOCK',
  'SIM_ETH_LOCK_TO_ADDRESS',
  'VITE_ETH_LOCK_RECIPIENT',
  'SIM_ETH_LOCK_AMOUNT_WEI',
  'VITE_SPEC_WHITELIST_ETH',
  'SIM_CHAIN_ID',
  'SIM_SIWE_URI',
  'VITE_SIWE_URI',
  'SIM_SIWE_DOMAIN',
  'VITE_SIWE_DOMAIN',
  'SIM_BOX_TIER_IDS',
  'SIM_LOOP_INTERVAL_MS',
  'SIM_INITIAL_SPREAD_MS',
  'SIM_MAX_BOX_OPENS_PER_CYCLE',
  'SIM_MAX_BID_ATTEMPTS_PER_CYCLE',
  'SIM_BID_ATTEMPT_PROBABILITY',
  'SIM_BID_MARKUP_MIN',
  'SIM_BID_MARKUP_MAX',
  'VITE_SPEC_WHITELIST_BONUS_FLUX',
  'VITE_SPEC_DAILY_CLAIM_FLUX',
  'VITE_SPEC_FAUCET_INTERVAL_SECONDS',
  'SIM_USER_AGENT',
  'SIM_DRY_RUN',
  'SIM_RUN_ONCE',
  'SIM_BOOTSTRAP_ONLY',
  'SIM_SELF_TEST',
];

/** Names and aliases of the registry; DATABASE_URL is kept out of the container on purpose (see the compose file). */
const REGISTRY_NAMES = Object.values(variables)
  .flatMap((spec) => [spec.name, ...('aliases' in spec && spec.aliases ? spec.aliases : [])])
  .filter((name) => name !== 'DATABASE_URL');

interface ComposeService {
  profiles?: string[];
  restart?: string;
  command?: string[];
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string | null>;
  /** short syntax (Compose 1.x `config`) or long syntax (Compose 2.x `config`) */
  ports?: (string | { host_ip?: string; published?: string | number; target?: number })[];
}

/** A published port as `host_ip:published:target`, whichever syntax `config` printed. */
const portText = (port: NonNullable<ComposeService['ports']>[number]): string =>
  typeof port === 'string'
    ? port.replace(/\/tcp$/, '')
    : `${port.host_ip ?? ''}:${String(port.published ?? '')}:${String(port.target ?? '')}`;

describe('Makefile', () => {
  it('make help lists every target with a description', () => {
    const help = make('help');
    expect(help.status).toBe(0);
    const documented = [
      ...readFileSync(join(ROOT, 'Makefile'), 'utf8').matchAll(/^([a-z][a-z0-9-]*):.*## (.+)$/gm),
    ].map((match) => match[1]!);
    const required = [
      'help',
      'sim-up',
      'sim-bootstrap',
      'sim-down',
      'sim-logs',
      'sim-logs-follow',
      'load-smoke',
      'load',
      'report',
      'health',
    ];
    expect(documented).toEqual(expect.arrayContaining(required));
    for (const target of documented) expect(help.stdout, target).toMatch(new RegExp(`^  ${target} +\\S`, 'm'));
  });

  it('the legacy targets print the docker compose commands of the sim profile', () => {
    const dry = make('-n', 'sim-up', 'sim-bootstrap', 'sim-down', 'sim-logs', 'sim-logs-follow');
    expect(dry.status).toBe(0);
    expect(dry.stdout.trim().split('\n')).toEqual([
      'docker compose --profile sim up -d --build rocket-sim',
      'docker compose --profile sim run --rm rocket-sim pool bootstrap',
      'docker compose --profile sim rm --stop --force rocket-sim',
      'docker compose --profile sim logs --tail=200 rocket-sim',
      'docker compose --profile sim logs --follow --tail=200 rocket-sim',
    ]);
  });

  it('the local targets run the CLI of this checkout', () => {
    const cli = 'node bin/rocket-sim.js';
    const lastLine = (...args: string[]) => {
      const result = make('-n', ...args);
      expect(result.status, result.stderr).toBe(0);
      return result.stdout.trim().split('\n').at(-1);
    };
    expect(lastLine('load-smoke')).toBe(`${cli} run smoke`);
    expect(lastLine('load', 'SCENARIO=gameplay', 'ARGS=--duration 120')).toBe(`${cli} run gameplay --duration 120`);
    expect(lastLine('report', 'RESULTS=reports/a/results.json')).toBe(`${cli} report reports/a/results.json`);
    expect(lastLine('health')).toBe(`${cli} health`);
  });

  it('loads .env only when there is one, and says nothing when there is none', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'rocket-sim-make-'));
    try {
      const dry = (cwd: string) =>
        spawnSync('make', ['--no-print-directory', '-f', join(ROOT, 'Makefile'), '-n', 'health'], {
          cwd,
          env: cleanEnv(),
          encoding: 'utf8',
        })
          .stdout.trim()
          .split('\n')
          .at(-1);
      expect(dry(scratch)).toBe('node bin/rocket-sim.js health');
      writeFileSync(join(scratch, '.env'), 'SIM_SEED=1\n');
      expect(dry(scratch)).toBe('node --env-file=.env bin/rocket-sim.js health');
      // a real target: no ".env not found" line (Node's --env-file-if-exists printed one on every target)
      const real = make('self-test');
      expect(real.status, real.stderr).toBe(0);
      expect(`${real.stdout}${real.stderr}`).not.toMatch(/\.env not found/);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('make load without SCENARIO names the scenarios and fails', () => {
    const result = make('load');
    expect(result.status).not.toBe(0);
    const scenarios = readdirSync(join(ROOT, 'scenarios')).map((file) => file.replace(/\.yml$/, ''));
    expect(result.stderr).toContain('make load SCENARIO=<name>');
    for (const scenario of scenarios) expect(result.stderr).toContain(scenario);
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
  const sim = compose.services['rocket-sim']!;

  it('runs rocket-sim in profile sim, restarting unless stopped, built from the Dockerfile', () => {
    expect(sim.profiles).toEqual(['sim']);
    expect(sim.restart).toBe('unless-stopped');
    expect(sim.build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
    // no command: the image's default, `run soak -e production`
    expect(sim.command).toBeUndefined();
  });

  it('passes every legacy variable and every registry variable through, unset ones as empty', () => {
    const environment = sim.environment ?? {};
    expect(Object.keys(environment)).toEqual(expect.arrayContaining([...LEGACY_VARIABLES, ...REGISTRY_NAMES]));
    // defaults of the compose service: events to stdout, the live dashboard on (docs/live.md)
    const composeDefaults: Record<string, string> = {
      SIM_EVENT_LOG: '-',
      SIM_DASHBOARD_PORT: '8089',
      SIM_DASHBOARD_HOST: '0.0.0.0',
    };
    for (const name of REGISTRY_NAMES) {
      expect(environment[name], name).toBe(`\${${name}:-${composeDefaults[name] ?? ''}}`);
    }
    expect(environment).not.toHaveProperty('DATABASE_URL');
  });

  it('offers the embedded stack in profile local', () => {
    const local = compose.services['rocket-sim-local']!;
    expect(local.profiles).toEqual(['local']);
    expect(local.command?.slice(0, 3)).toEqual(['local', '--host', '0.0.0.0']);
  });

  describe('with a Compose client (skipped when none is installed; no engine is needed)', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'rocket-sim-compose-'));
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));
    const candidates: string[][] = [['docker', 'compose'], ['docker-compose']];
    const client = candidates.find(
      ([command, ...rest]) => spawnSync(command!, [...rest, 'version'], { encoding: 'utf8' }).status === 0,
    );

    it.skipIf(client === undefined)('`config` accepts the file and interpolates the variables', () => {
      const envFile = join(scratch, 'empty.env');
      writeFileSync(envFile, '');
      const [command, ...rest] = client!;
      const result = spawnSync(
        command!,
        [...rest, '--env-file', envFile, '--profile', 'sim', '--profile', 'local', 'config'],
        {
          cwd: ROOT,
          env: cleanEnv({
            SUPABASE_URL: 'https://example-project.supabase.co',
            SIM_CONFIRM_TARGET: 'example-project.supabase.co',
          }),
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      expect(result.status, result.stderr).toBe(0);
      const config = parse(result.stdout) as { services: Record<string, ComposeService> };
      const environment = config.services['rocket-sim']!.environment ?? {};
      expect(environment.SUPABASE_URL).toBe('https://example-project.supabase.co');
      expect(environment.SIM_CONFIRM_TARGET).toBe('example-project.supabase.co');
      expect(environment.SIM_EVENT_LOG).toBe('-');
      expect(environment.SIM_WALLET_SOURCE ?? '').toBe('');
      expect(Object.keys(config.services).sort()).toEqual(['rocket-sim', 'rocket-sim-local']);
      // the soak's live dashboard, published on the host's loopback only
      expect(environment.SIM_DASHBOARD_PORT).toBe('8089');
      expect(environment.SIM_DASHBOARD_HOST).toBe('0.0.0.0');
      expect((config.services['rocket-sim']!.ports ?? []).map(portText)).toEqual(['127.0.0.1:8089:8089']);
    });
  });
});
