import { describe, expect, it } from 'vitest';
import { parseBoolean } from './parseBoolean.ts';

describe('parseBoolean', () => {
  it('reads the usual spellings in any case, and booleans as they are', () => {
    for (const raw of ['true', 'TRUE', ' yes ', 'on', '1', true]) expect(parseBoolean(raw), String(raw)).toBe(true);
    for (const raw of ['false', 'No', 'off', '0', false]) expect(parseBoolean(raw), String(raw)).toBe(false);
  });

  it('is undefined for anything else', () => {
    for (const raw of ['', 'maybe', '2', 'y']) expect(parseBoolean(raw), raw).toBeUndefined();
  });
});
