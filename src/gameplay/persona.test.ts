import { describe, expect, it } from 'vitest';
import { applyPersona, type PersonaGameplay } from './persona.ts';

const legacy: PersonaGameplay = {
  boxOpenProbability: 0.45,
  submitProbability: 0.65,
  bidAttemptProbability: 0.9,
  bidMarkup: { min: 0.05, max: 0.35 },
};
const neutral = { box_open_bias: 50, auction_bid_bias: 50, aggression_score: 50 };

describe('applyPersona', () => {
  it('leaves the configuration unchanged without a profile or with a neutral one', () => {
    expect(applyPersona(legacy, undefined)).toEqual(legacy);
    expect(applyPersona(legacy, neutral)).toEqual(legacy);
  });

  it('scales the box and bid probabilities by bias / 50, clamped to [0, 1]', () => {
    const timid = applyPersona(legacy, { ...neutral, box_open_bias: 25, auction_bid_bias: 0 });
    expect(timid.boxOpenProbability).toBeCloseTo(0.225, 12);
    expect(timid.bidAttemptProbability).toBe(0);
    const eager = applyPersona(legacy, { ...neutral, box_open_bias: 100, auction_bid_bias: 61 });
    expect(eager.boxOpenProbability).toBeCloseTo(0.9, 12);
    expect(eager.bidAttemptProbability).toBe(1); // 0.9 × 1.22 clamped
    expect(eager.submitProbability).toBe(0.65);
  });

  it('scales the markup range by aggression, keeping the minimum', () => {
    expect(applyPersona(legacy, { ...neutral, aggression_score: 100 }).bidMarkup).toEqual({
      min: 0.05,
      max: expect.closeTo(0.65, 12),
    });
    expect(applyPersona(legacy, { ...neutral, aggression_score: 25 }).bidMarkup).toEqual({
      min: 0.05,
      max: expect.closeTo(0.2, 12),
    });
    expect(applyPersona(legacy, { ...neutral, aggression_score: 0 }).bidMarkup).toEqual({ min: 0.05, max: 0.05 });
  });

  it('keeps max ≥ min for a degenerate range', () => {
    const flat = { ...legacy, bidMarkup: { min: 0.1, max: 0.1 } };
    expect(applyPersona(flat, { ...neutral, aggression_score: 100 }).bidMarkup).toEqual({ min: 0.1, max: 0.1 });
  });

  it('does not mutate its input', () => {
    const input = structuredClone(legacy);
    applyPersona(input, { box_open_bias: 90, auction_bid_bias: 10, aggression_score: 80 });
    expect(input).toEqual(legacy);
  });

  it('rejects scores outside 0-100, naming the column', () => {
    expect(() => applyPersona(legacy, { ...neutral, aggression_score: 101 })).toThrow(
      'sim_wallet_profiles.aggression_score must be between 0 and 100',
    );
    expect(() => applyPersona(legacy, { ...neutral, box_open_bias: Number.NaN })).toThrow(RangeError);
  });
});
