import { describe, expect, it } from 'vitest';
import { loadSimConfig } from '../../config/index.ts';
import { resolveTarget } from './resolveTarget.ts';

const config = (env: Record<string, string>) => loadSimConfig({ SUPABASE_ANON_KEY: 'anon', ...env });

describe('resolveTarget', () => {
  it("prefers Artillery's resolved target over SUPABASE_URL and trims its trailing slash", () => {
    expect(resolveTarget(config({ SUPABASE_URL: 'https://x.supabase.co' }), 'http://127.0.0.1:54321/')).toEqual({
      baseUrl: 'http://127.0.0.1:54321',
      anonKey: 'anon',
    });
  });

  it('falls back to SUPABASE_URL when Artillery has no usable target (empty or an untemplated variable)', () => {
    for (const fromArtillery of [undefined, '', '{{ $env.SUPABASE_URL }}', 'undefined']) {
      expect(resolveTarget(config({ SUPABASE_URL: 'https://x.supabase.co/' }), fromArtillery).baseUrl).toBe(
        'https://x.supabase.co',
      );
    }
  });

  it('names the target and how to give it when there is none, and the anon key when it is missing', () => {
    expect(() => resolveTarget(config({}), '')).toThrow(
      'target: none given: pass -e local or -t URL to Artillery, or set SUPABASE_URL (or VITE_SUPABASE_URL)',
    );
    expect(() => resolveTarget(loadSimConfig({}), 'http://127.0.0.1:54321')).toThrow(/^SUPABASE_ANON_KEY: is required/);
  });
});
