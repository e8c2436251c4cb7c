/**
 * @module What a player does in one scenario: the legacy SIM_* knobs, overridable per scenario by
 * Artillery `config.variables`. An operator's explicitly set environment variable wins over the
 * scenario's value, which wins over the variable's default: `soak` therefore behaves exactly like
 * the legacy worker, while `smoke` can speed things up unless told otherwise.
 */
import type { SimConfig, VariableName } from '../../config/index.ts';
import { ConfigError } from '../../errors/index.ts';

export interface PlayerSettings {
  loopIntervalMs: number;
  initialSpreadMs: number;
  maxBoxOpensPerCycle: number;
  boxOpenProbability: number;
  submitProbability: number;
  maxBidAttemptsPerCycle: number;
  bidAttemptProbability: number;
  bidMarkup: { min: number; max: number };
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

type NumberKnob = {
  variable: string;
  env?: VariableName;
  min: number;
  max: number;
  integer?: boolean;
};

const knobs = {
  loopIntervalMs: { variable: 'loopIntervalMs', env: 'SIM_LOOP_INTERVAL_MS', min: 0, max: 86_400_000, integer: true },
  initialSpreadMs: {
    variable: 'initialSpreadMs',
    env: 'SIM_INITIAL_SPREAD_MS',
    min: 0,
    max: 86_400_000,
    integer: true,
  },
  maxBoxOpensPerCycle: {
    variable: 'maxBoxOpensPerCycle',
    env: 'SIM_MAX_BOX_OPENS_PER_CYCLE',
    min: 0,
    max: 100,
    integer: true,
  },
  boxOpenProbability: { variable: 'boxOpenProbability', env: 'SIM_BOX_OPEN_PROBABILITY', min: 0, max: 1 },
  submitProbability: { variable: 'submitProbability', env: 'SIM_SUBMIT_PROBABILITY', min: 0, max: 1 },
  maxBidAttemptsPerCycle: {
    variable: 'maxBidAttemptsPerCycle',
    env: 'SIM_MAX_BID_ATTEMPTS_PER_CYCLE',
    min: 1,
    max: 100,
    integer: true,
  },
  bidAttemptProbability: { variable: 'bidAttemptProbability', env: 'SIM_BID_ATTEMPT_PROBABILITY', min: 0, max: 1 },
  bidMarkupMin: { variable: 'bidMarkupMin', env: 'SIM_BID_MARKUP_MIN', min: 0, max: 10 },
  bidMarkupMax: { variable: 'bidMarkupMax', env: 'SIM_BID_MARKUP_MAX', min: 0, max: 10 },
  cyclesPerPlayer: { variable: 'cyclesPerPlayer', min: 1, max: 1_000_000_000, integer: true },
  runSeconds: { variable: 'runSeconds', min: 1, max: 31_536_000 },
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
  const value = typeof raw === 'number' ? raw : Number(String(raw).trim());
  const ok =
    Number.isFinite(value) && value >= knob.min && value <= knob.max && (!knob.integer || Number.isInteger(value));
  if (!ok) {
    const kind = knob.integer ? 'an integer' : 'a number';
    throw new ConfigError(
      `scenario variable ${knob.variable}`,
      `must be ${kind} between ${knob.min} and ${knob.max} (got "${String(raw)}")`,
    );
  }
  return value;
}

function scenarioFlag(vars: Readonly<Record<string, unknown>>, name: string): boolean {
  const raw = vars[name];
  if (raw === undefined || raw === null || raw === '') return false;
  if (raw === true || raw === 'true') return true;
  if (raw === false || raw === 'false') return false;
  throw new ConfigError(`scenario variable ${name}`, `must be true or false (got "${String(raw)}")`);
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
