/**
 * @module What a player does in one scenario: the legacy SIM_* knobs, overridable per scenario by
 * Artillery `config.variables`. An operator's explicitly set environment variable wins over the
 * scenario's value, which wins over the variable's default: `soak` therefore behaves exactly like
 * the legacy worker, while `smoke` can speed things up unless told otherwise.
 */
import type { z } from 'zod';
import type { SimConfig, VariableName } from '../../config/index.ts';
import { parseBoolean } from '../../config/parseBoolean.ts';
import { decimal, integer, variables } from '../../config/variables.ts';
import { ConfigError } from '../../errors/index.ts';

/** The SIM_* player knobs (their shape is the config's), then what only a scenario sets. */
export interface PlayerSettings
  extends Pick<
    SimConfig['gameplay'],
    | 'loopIntervalMs'
    | 'initialSpreadMs'
    | 'maxBoxOpensPerCycle'
    | 'boxOpenProbability'
    | 'submitProbability'
    | 'maxBidAttemptsPerCycle'
    | 'bidAttemptProbability'
    | 'bidMarkup'
  > {
  /** cycles a virtual user plays before leaving (Infinity: until the run ends) */
  cyclesPerPlayer: number;
  /** with no SIM_RUN_UNTIL: looping players stop starting cycles this long after the worker's first player joined */
  runSeconds: number | undefined;
  /** each wallet plays at most once in this process (the `once` scenario) */
  oncePerWallet: boolean;
  /** sign in even when the wallet holds a valid session (sign-in storms) */
  freshSignIn: boolean;
  /** `ui`: affordable box tiers and bids only; `legacy`: the legacy worker's blind choices */
  playerModel: PlayerModel;
}

export type PlayerModel = SimConfig['gameplay']['playerModel'];
const PLAYER_MODELS: readonly PlayerModel[] = ['ui', 'legacy'];

/**
 * A numeric scenario variable. With a `SIM_*` twin its bounds are the twin's schema in the registry
 * (src/config/variables.ts), so the rule is written once; without one, its own schema.
 */
type NumberKnob = { variable: string; env?: VariableName; schema: z.ZodType<number, string> };

const twin = (variable: string, env: VariableName): NumberKnob => ({
  variable,
  env,
  schema: variables[env].schema as z.ZodType<number, string>,
});

const knobs = {
  loopIntervalMs: twin('loopIntervalMs', 'SIM_LOOP_INTERVAL_MS'),
  initialSpreadMs: twin('initialSpreadMs', 'SIM_INITIAL_SPREAD_MS'),
  maxBoxOpensPerCycle: twin('maxBoxOpensPerCycle', 'SIM_MAX_BOX_OPENS_PER_CYCLE'),
  boxOpenProbability: twin('boxOpenProbability', 'SIM_BOX_OPEN_PROBABILITY'),
  submitProbability: twin('submitProbability', 'SIM_SUBMIT_PROBABILITY'),
  maxBidAttemptsPerCycle: twin('maxBidAttemptsPerCycle', 'SIM_MAX_BID_ATTEMPTS_PER_CYCLE'),
  bidAttemptProbability: twin('bidAttemptProbability', 'SIM_BID_ATTEMPT_PROBABILITY'),
  bidMarkupMin: twin('bidMarkupMin', 'SIM_BID_MARKUP_MIN'),
  bidMarkupMax: twin('bidMarkupMax', 'SIM_BID_MARKUP_MAX'),
  cyclesPerPlayer: { variable: 'cyclesPerPlayer', schema: integer(1, 1_000_000_000) },
  runSeconds: { variable: 'runSeconds', schema: decimal(1, 31_536_000) },
} as const satisfies Record<string, NumberKnob>;

/** The Artillery variables a scenario may set to shape its players. */
export const scenarioVariableNames: readonly string[] = [
  ...Object.values(knobs).map((knob) => knob.variable),
  'oncePerWallet',
  'freshSignIn',
  'playerModel',
];

function scenarioNumber(vars: Readonly<Record<string, unknown>>, knob: NumberKnob): number | undefined {
  const raw = vars[knob.variable];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const parsed = knob.schema.safeParse(String(raw));
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.message ?? 'is malformed';
    throw new ConfigError(`scenario variable ${knob.variable}`, `${reason} (got "${String(raw)}")`);
  }
  return parsed.data;
}

/** A scenario flag, read by the same parser as the environment's booleans. */
function scenarioFlag(vars: Readonly<Record<string, unknown>>, name: string): boolean {
  const raw = vars[name];
  if (raw === undefined || raw === null || raw === '') return false;
  const flag = typeof raw === 'boolean' || typeof raw === 'string' ? parseBoolean(raw) : undefined;
  if (flag === undefined)
    throw new ConfigError(`scenario variable ${name}`, `must be true or false (got "${String(raw)}")`);
  return flag;
}

function scenarioPlayerModel(vars: Readonly<Record<string, unknown>>): PlayerModel | undefined {
  const raw = vars.playerModel;
  if (raw === undefined || raw === null || raw === '') return undefined;
  const model = PLAYER_MODELS.find((candidate) => candidate === raw);
  if (!model) throw new ConfigError('scenario variable playerModel', `must be ui or legacy (got "${String(raw)}")`);
  return model;
}

/**
 * Resolves the settings of a scenario from its Artillery variables and the configuration.
 * Errors name the scenario variable at fault.
 */
export function resolvePlayerSettings(config: SimConfig, vars: Readonly<Record<string, unknown>>): PlayerSettings {
  const pick = (knob: NumberKnob, fallback: number): number => {
    if (knob.env && config.explicit.has(knob.env)) return fallback;
    return scenarioNumber(vars, knob) ?? fallback;
  };
  const g = config.gameplay;
  const bidMarkup = { min: pick(knobs.bidMarkupMin, g.bidMarkup.min), max: pick(knobs.bidMarkupMax, g.bidMarkup.max) };
  if (bidMarkup.min > bidMarkup.max) {
    throw new ConfigError(
      'scenario variable bidMarkupMin',
      `must not exceed bidMarkupMax (${bidMarkup.min} > ${bidMarkup.max})`,
    );
  }
  return {
    loopIntervalMs: pick(knobs.loopIntervalMs, g.loopIntervalMs),
    initialSpreadMs: pick(knobs.initialSpreadMs, g.initialSpreadMs),
    maxBoxOpensPerCycle: pick(knobs.maxBoxOpensPerCycle, g.maxBoxOpensPerCycle),
    boxOpenProbability: pick(knobs.boxOpenProbability, g.boxOpenProbability),
    submitProbability: pick(knobs.submitProbability, g.submitProbability),
    maxBidAttemptsPerCycle: pick(knobs.maxBidAttemptsPerCycle, g.maxBidAttemptsPerCycle),
    bidAttemptProbability: pick(knobs.bidAttemptProbability, g.bidAttemptProbability),
    bidMarkup,
    cyclesPerPlayer:
      scenarioNumber(vars, knobs.cyclesPerPlayer) ?? (config.modes.runOnce ? 1 : Number.POSITIVE_INFINITY),
    runSeconds: scenarioNumber(vars, knobs.runSeconds),
    oncePerWallet: config.modes.runOnce || scenarioFlag(vars, 'oncePerWallet'),
    freshSignIn: scenarioFlag(vars, 'freshSignIn'),
    playerModel: config.explicit.has('SIM_PLAYER_MODEL') ? g.playerModel : (scenarioPlayerModel(vars) ?? g.playerModel),
  };
}
