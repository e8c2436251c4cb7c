import { describe, expect, it } from 'vitest';
import { trimSpace } from './trimSpace.ts';

describe('trimSpace', () => {
  it("uses Go's white space set (NEL yes, BOM no)", () => {
    expect(trimSpace('\u0085 a \t\r')).toBe('a');
    expect(trimSpace('\ufeffa')).toBe('\ufeffa');
  });
});
