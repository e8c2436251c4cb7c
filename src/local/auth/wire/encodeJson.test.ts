import { describe, expect, it } from 'vitest';
import { encodeJson, jsonMap } from './encodeJson.ts';

describe('encodeJson', () => {
  it('keeps struct order, sorts maps, escapes HTML characters', () => {
    const value = {
      z: 1,
      a: jsonMap({ b: { d: 1, c: [{ y: 1, x: 2 }] }, a: '<&>', 10: true, 9: false }),
      omitted: undefined,
    };
    expect(encodeJson(value)).toBe(
      '{"z":1,"a":{"10":true,"9":false,"a":"\\u003c\\u0026\\u003e","b":{"c":[{"x":2,"y":1}],"d":1}}}',
    );
  });
});
