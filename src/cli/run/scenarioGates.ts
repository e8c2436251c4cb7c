/**
 * @module The `ensure` gates of a scenario as Artillery applies them: the scenario file's own
 * `config.plugins.ensure` plus the environment's thresholds from artillery.yml; also those of any
 * Artillery script given with `--config`. `rocket-sim report` and `merge` need them for results
 * files that carry none (plain `artillery run`, Fargate).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ConfigError } from '../../errors/index.ts';
import { packageRoot } from '../../packageRoot.ts';
import { ensureConfigSchema, type EnsureConfig } from '../../report/ensureConfig.ts';

interface ScriptDoc {
  config?: {
    ensure?: unknown;
    plugins?: { ensure?: unknown };
    environments?: Record<string, { ensure?: unknown; plugins?: { ensure?: unknown } } | undefined>;
  };
}

/** Two ensure configs in one: lists concatenated, single keys of `extra` winning. */
function combine(base: EnsureConfig, extra: EnsureConfig): EnsureConfig {
  return {
    ...base,
    ...extra,
    thresholds: [...(base.thresholds ?? []), ...(extra.thresholds ?? [])],
    conditions: [...(base.conditions ?? []), ...(extra.conditions ?? [])],
  };
}

function readScript(path: string, what: string): ScriptDoc {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(what, `${path}: ${code === 'ENOENT' ? 'file not found' : `cannot read it (${code})`}`);
  }
  try {
    return (parse(text) ?? {}) as ScriptDoc;
  } catch {
    throw new ConfigError(what, `${path}: not a YAML file`);
  }
}

function ensureOf(value: unknown, what: string, path: string): EnsureConfig {
  if (value === undefined || value === null) return {};
  const parsed = ensureConfigSchema.safeParse(value);
  if (!parsed.success)
    throw new ConfigError(what, `${path}: config.plugins.ensure is malformed (${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

/** The gates of one script for `environment`: its ensure plus the environment's (top-level `config.ensure` too). */
function scriptGates(doc: ScriptDoc, environment: string | undefined, what: string, path: string): EnsureConfig {
  const config = doc.config ?? {};
  const own = combine(ensureOf(config.ensure, what, path), ensureOf(config.plugins?.ensure, what, path));
  const env = environment === undefined ? undefined : config.environments?.[environment];
  if (!env) return own;
  return combine(own, combine(ensureOf(env.ensure, what, path), ensureOf(env.plugins?.ensure, what, path)));
}

/** The gates `rocket-sim run <scenario> -e <environment>` is judged by. */
export function scenarioGates(scenarioPath: string, environment: string): EnsureConfig {
  const shared = join(packageRoot(), 'artillery.yml');
  return combine(
    scriptGates(readScript(scenarioPath, 'scenario'), undefined, 'scenario', scenarioPath),
    scriptGates(readScript(shared, 'artillery.yml'), environment, 'artillery.yml', shared),
  );
}

/** The gates of an Artillery script given with `--config FILE`, for `environment` when it has one. */
export function configFileGates(path: string, environment: string | undefined): EnsureConfig {
  return scriptGates(readScript(path, '--config'), environment, '--config', path);
}
