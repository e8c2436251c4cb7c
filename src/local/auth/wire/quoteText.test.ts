import { describe, expect, it } from 'vitest';
import { quoteText } from './quoteText.ts';

describe('quoteText', () => {
  it('matches strconv.Quote', () => {
    expect(quoteText('')).toBe('""');
    expect(quoteText('2')).toBe('"2"');
    expect(quoteText('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quoteText('\t\u0001\u007f\u00a0é')).toBe('"\\t\\x01\\x7f\\u00a0é"');
  });
});
