import { describe, expect, it } from 'vitest';
import { loadSimConfig } from '../../config/index.ts';
import { resolvePlayerSettings } from './resolvePlayerSettings.ts';

const TWINS = {
  loopIntervalMs: 'SIM_LOOP_INTERVAL_MS',
  initialSpreadMs: 'SIM_INITIAL_SPREAD_MS',
  maxBoxOpensPerCycle: 'SIM_MAX_BOX_OPENS_PER_CYCLE',
  boxOpenProbability: 'SIM_BOX_OPEN_PROBABILITY',
  submitProbability: 'SIM_SUBMIT_PROBABILITY',
  maxBidAttemptsPerCycle: 'SIM_MAX_BID_ATTEMPTS_PER_CYCLE',
  bidAttemptProbability: 'SIM_BID_ATTEMPT_PROBABILITY',
  bidMarkupMin: 'SIM_BID_MARKUP_MIN',
  bidMarkupMax: 'SIM_BID_MARKUP_MAX',
} as const;
const SAMPLES = ['-1', '0', '0.5', '1', '1.5', '3', '10', '11', '100', '101', '86400000', '86400001', 'x', '1e3'];

/** The message of the error `run` throws, or 'ok'. */
const outcome = (run: () => unknown): string => {
  try {
    run();
    return 'ok';
  } catch (error) {
    return (error as Error).message.replace(/^.*?: /, '');
  }
};

describe('resolvePlayerSettings', () => {
  const config = loadSimConfig({});

  it('accepts and refuses a scenario variable exactly as its SIM_* twin, with the same words', () => {
    for (const [variable, env] of Object.entries(TWINS)) {
      for (const raw of SAMPLES) {
        const fromEnv = outcome(() => loadSimConfig({ [env]: raw }));
        const fromScenario = outcome(() => resolvePlayerSettings(config, { [variable]: raw }));
        // the pair check of the markups may refuse a value the bounds accept, on either side
        if (
          variable.startsWith('bidMarkup') &&
          (fromEnv.includes('must not exceed') || fromScenario.includes('must not exceed'))
        )
          continue;
        expect(fromScenario, `${variable}=${raw}`).toBe(fromEnv);
      }
    }
  });

  it('reads scenario flags with the booleans of the environment', () => {
    for (const raw of ['true', 'yes', 'on', '1', true])
      expect(resolvePlayerSettings(config, { freshSignIn: raw }).freshSignIn).toBe(true);
    for (const raw of ['false', 'no', 'off', '0', false])
      expect(resolvePlayerSettings(config, { oncePerWallet: raw }).oncePerWallet).toBe(false);
    expect(() => resolvePlayerSettings(config, { freshSignIn: 'maybe' })).toThrow(
      'scenario variable freshSignIn: must be true or false (got "maybe")',
    );
    expect(loadSimConfig({ SIM_RUN_ONCE: 'yes' }).modes.runOnce).toBe(true);
  });

  it('keeps the bounds of the variables without a twin', () => {
    expect(resolvePlayerSettings(config, { cyclesPerPlayer: 3, runSeconds: '90' })).toMatchObject({
      cyclesPerPlayer: 3,
      runSeconds: 90,
    });
    expect(() => resolvePlayerSettings(config, { cyclesPerPlayer: 0 })).toThrow(
      'scenario variable cyclesPerPlayer: must be an integer between 1 and 1000000000 (got "0")',
    );
  });
});
