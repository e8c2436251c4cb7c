import { describe, expect, it } from 'vitest';
import { goJsonSyntaxError, scanGoJson } from './scanGoJson.ts';

const syntax = (body: string) => goJsonSyntaxError(Buffer.from(body, 'utf8'));
const stream = (body: string) => scanGoJson(Buffer.from(body, 'utf8'), 'stream');

describe('goJsonSyntaxError (encoding/json checkValid)', () => {
  it("reproduces Go's scanner messages", () => {
    const cases: [string, string | undefined][] = [
      ['', 'unexpected end of JSON input'],
      ['   ', 'unexpected end of JSON input'],
      ['{', 'unexpected end of JSON input'],
      ['{"a":', 'unexpected end of JSON input'],
      ['x', "invalid character 'x' looking for beginning of value"],
      ["'", "invalid character '\\'' looking for beginning of value"],
      ['{"a" 1}', "invalid character '1' after object key"],
      ['{"a":1 "b":2}', `invalid character '"' after object key:value pair`],
      ['{1:2}', "invalid character '1' looking for beginning of object key string"],
      ['{,}', "invalid character ',' looking for beginning of object key string"],
      ['[1 2]', "invalid character '2' after array element"],
      ['{} x', "invalid character 'x' after top-level value"],
      ['01', "invalid character '1' after top-level value"],
      ['"a\u0001"', "invalid character '\\x01' in string literal"],
      ['"a\n"', "invalid character '\\n' in string literal"],
      ['"\\q"', "invalid character 'q' in string escape code"],
      ['"\\u12g4"', "invalid character 'g' in \\u hexadecimal character escape"],
      ['-a', "invalid character 'a' in numeric literal"],
      ['1.a', "invalid character 'a' after decimal point in numeric literal"],
      ['1ea', "invalid character 'a' in exponent of numeric literal"],
      ['tx', "invalid character 'x' in literal true (expecting 'r')"],
      ['fals', "invalid character ' ' in literal false (expecting 'e')"],
      ['nul', "invalid character ' ' in literal null (expecting 'l')"],
      ['-', "invalid character ' ' in numeric literal"],
      ['[1,]', "invalid character ']' looking for beginning of value"],
      ['\ufeff{}', "invalid character 'ï' looking for beginning of value"],
      ['{"a":[1,{"b":null}],"c":-0.5e+3} ', undefined],
      ['[]', undefined],
      ['12', undefined],
    ];
    for (const [body, expected] of cases) expect(syntax(body), JSON.stringify(body)).toBe(expected);
  });

  it('stops at 10000 levels of nesting', () => {
    expect(syntax(`${'['.repeat(10000)}${']'.repeat(10000)}`)).toBeUndefined();
    expect(syntax('['.repeat(10001))).toBe("invalid character '[' exceeded max depth");
  });
});

describe('scanGoJson in stream mode (json.Decoder.Decode)', () => {
  it('stops after the first value and ignores what follows', () => {
    expect(stream('{"a":1} trailing')).toEqual({ end: 7 });
    expect(stream('[1,[2]]]')).toEqual({ end: 7 });
    expect(stream('12 x')).toEqual({ end: 2 });
    expect(stream('"s"')).toEqual({ end: 3 });
  });

  it('reports truncation as unexpected EOF (EOF when blank) and syntax errors as usual', () => {
    expect(stream('{"a":')).toEqual({ error: 'unexpected EOF', end: -1 });
    expect(stream('tru')).toEqual({ error: 'unexpected EOF', end: -1 });
    expect(stream('  ')).toEqual({ error: 'EOF', end: -1 });
    expect(stream('{x')).toMatchObject({ error: "invalid character 'x' looking for beginning of object key string" });
  });
});
