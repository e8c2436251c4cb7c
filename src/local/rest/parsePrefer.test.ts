import { describe, expect, it } from 'vitest';
import type { LocalRequest } from '../http/types.ts';
import { parsePrefer, preferenceApplied } from './parsePrefer.ts';
import type { RestError } from './RestError.ts';

const request = (prefer: string | string[] | undefined) => ({ headers: { prefer } }) as unknown as LocalRequest;

describe('parsePrefer', () => {
  it('reads comma-joined and repeated headers; the first value of a kind wins', () => {
    expect(
      parsePrefer(
        request([
          'resolution=merge-duplicates, return=minimal',
          'return=representation',
          'count=exact',
          'missing=default',
        ]),
      ),
    ).toEqual({
      resolution: 'merge-duplicates',
      return: 'minimal',
      count: 'exact',
      missing: 'default',
      handling: undefined,
      maxAffected: undefined,
      timezone: undefined,
    });
  });

  it('ignores unknown preferences unless handling=strict', () => {
    expect(parsePrefer(request('tx=bogus, return=bogus')).return).toBeUndefined();
    let caught: unknown;
    try {
      parsePrefer(request('handling=strict, tx=bogus'));
    } catch (error) {
      caught = error;
    }
    expect((caught as RestError).body).toMatchObject({ code: 'PGRST122', details: 'Invalid preferences: tx=bogus' });
  });

  it('accepts tx=commit/rollback (not applied: no override on Supabase) and timezone=, even when strict', () => {
    const preferences = parsePrefer(request('handling=strict, tx=rollback, timezone=America/Los_Angeles, tx=commit'));
    expect(preferences).toMatchObject({ handling: 'strict', timezone: 'America/Los_Angeles' });
    expect(preferenceApplied(preferences, {})).toBe('handling=strict, timezone=America/Los_Angeles');
  });

  it('formats Preference-Applied in PostgREST order', () => {
    const preferences = parsePrefer(request('return=minimal,count=exact,resolution=merge-duplicates,missing=default'));
    expect(preferenceApplied(preferences, { resolution: true, missing: true, return: true })).toBe(
      'resolution=merge-duplicates, missing=default, return=minimal, count=exact',
    );
    expect(preferenceApplied(parsePrefer(request(undefined)), { return: true })).toBeUndefined();
  });
});
