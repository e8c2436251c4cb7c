import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors/index.ts';
import { setupErrorLine } from './stopRunOnSetupError.ts';

describe('setupErrorLine', () => {
  it('is the message of a configuration error, on one line', () => {
    expect(setupErrorLine(new ConfigError('SUPABASE_ANON_KEY', 'is required'))).toBe(
      'rocket-sim: the players cannot start: SUPABASE_ANON_KEY: is required',
    );
  });

  it("adds another error's code unless its message names it", () => {
    const refused = Object.assign(new Error('connect refused'), { code: 'ECONNREFUSED' });
    expect(setupErrorLine(refused)).toBe('rocket-sim: the players cannot start: connect refused (ECONNREFUSED)');
    expect(setupErrorLine('plain')).toBe('rocket-sim: the players cannot start: plain');
  });
});
