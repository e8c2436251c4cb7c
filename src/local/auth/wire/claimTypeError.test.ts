import { describe, expect, it } from 'vitest';
import { claimTypeError } from './claimTypeError.ts';

describe('claimTypeError (AccessTokenClaims field types)', () => {
  it('accepts the claims GoTrue issues, null for any of them, and claims it does not declare', () => {
    expect(
      claimTypeError({
        sub: 'u',
        role: 'authenticated',
        session_id: 's',
        is_anonymous: false,
        app_metadata: { provider: 'web3' },
        user_metadata: {},
        exp: 1,
        custom: [1, 2],
      }),
    ).toBeUndefined();
    expect(claimTypeError({ sub: null, is_anonymous: null, user_metadata: null })).toBeUndefined();
  });

  it('names the first claim of the wrong JSON type', () => {
    expect(claimTypeError({ sub: 1 })).toBe('the sub claim must be a JSON string');
    expect(claimTypeError({ role: 'x', is_anonymous: 'no', sub: 1 })).toBe(
      'the is_anonymous claim must be a JSON bool',
    );
    expect(claimTypeError({ app_metadata: [] })).toBe('the app_metadata claim must be a JSON object');
    expect(claimTypeError({ user_metadata: 'x' })).toBe('the user_metadata claim must be a JSON object');
  });
});
