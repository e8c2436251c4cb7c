import { describe, expect, it } from 'vitest';
import { parseUuid } from './parseUuid.ts';

describe('parseUuid (gofrs uuid.FromString)', () => {
  it('accepts the canonical, hash-like, braced and URN forms', () => {
    const canonical = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
    for (const text of [
      canonical,
      canonical.toUpperCase(),
      '6ba7b8109dad11d180b400c04fd430c8',
      `{${canonical}}`,
      `urn:uuid:${canonical}`,
    ]) {
      expect(parseUuid(text), text).toBe(canonical);
    }
  });

  it('rejects anything else', () => {
    for (const text of [
      '',
      'not-a-uuid',
      '6ba7b810-9dad-11d1-80b4-00c04fd430c',
      '6ba7b8109dad-11d1-80b4-00c04fd430c8',
      `URN:UUID:6ba7b810-9dad-11d1-80b4-00c04fd430c8`,
      '{6ba7b810-9dad-11d1-80b4-00c04fd430c8',
    ]) {
      expect(parseUuid(text), text).toBeUndefined();
    }
  });
});
