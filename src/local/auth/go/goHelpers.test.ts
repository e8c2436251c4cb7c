import { describe, expect, it } from 'vitest';
import { decodeUtf8Go } from './decodeUtf8Go.ts';
import { goJsonStringify, goMap } from './goJsonStringify.ts';
import { goQuote } from './goQuote.ts';
import { goTrimSpace } from './goTrimSpace.ts';

describe('Go string helpers', () => {
  it('decodeUtf8Go replaces each invalid byte, like utf8.DecodeRune', () => {
    expect(decodeUtf8Go(Buffer.from('héllo 😀'))).toBe('héllo 😀');
    expect(decodeUtf8Go(Uint8Array.from([0xc0, 0x80, 0x41]))).toBe('\uFFFD\uFFFDA');
    expect(decodeUtf8Go(Uint8Array.from([0xf4, 0x90, 0x80, 0x80]))).toBe('\uFFFD'.repeat(4));
    expect(decodeUtf8Go(Uint8Array.from([0xf0, 0x9f, 0x98]))).toBe('\uFFFD'.repeat(3));
  });

  it('goQuote matches strconv.Quote', () => {
    expect(goQuote('')).toBe('""');
    expect(goQuote('2')).toBe('"2"');
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote('\t\u0001\u007f\u00a0é')).toBe('"\\t\\x01\\x7f\\u00a0é"');
  });

  it("goTrimSpace uses Go's white space set (NEL yes, BOM no)", () => {
    expect(goTrimSpace('\u0085 a \t\r')).toBe('a');
    expect(goTrimSpace('\ufeffa')).toBe('\ufeffa');
  });

  it('goJsonStringify keeps struct order, sorts maps, escapes HTML characters', () => {
    const value = {
      z: 1,
      a: goMap({ b: { d: 1, c: [{ y: 1, x: 2 }] }, a: '<&>', 10: true, 9: false }),
      omitted: undefined,
    };
    expect(goJsonStringify(value)).toBe(
      '{"z":1,"a":{"10":true,"9":false,"a":"\\u003c\\u0026\\u003e","b":{"c":[{"x":2,"y":1}],"d":1}}}',
    );
  });
});
