import { describe, expect, it } from 'vitest';
import { readBodyFields } from './readBodyFields.ts';

const read = (body: string | Uint8Array) =>
  readBodyFields(typeof body === 'string' ? Buffer.from(body, 'utf8') : body, ['message', 'signature', 'chain']);
const empty = { message: '', signature: '', chain: '' };

describe('readBodyFields (a grant body, as json.Unmarshal into a struct of strings)', () => {
  it('reads string fields and ignores unknown keys', () => {
    expect(
      read('{"chain":"ethereum","message":"m","signature":"s","gotrue_meta_security":{"captcha_token":"x"}}'),
    ).toEqual({ ok: true, values: { message: 'm', signature: 's', chain: 'ethereum' } });
  });

  it('treats null and missing or null fields as empty strings', () => {
    expect(read('null')).toEqual({ ok: true, values: empty });
    expect(read('{}')).toEqual({ ok: true, values: empty });
    expect(read('{"message":null}')).toEqual({ ok: true, values: empty });
  });

  it('matches keys case-insensitively, exact names first, a later key winning', () => {
    expect(read('{"MESSAGE":"a","Chain":"c"}')).toMatchObject({ values: { message: 'a', chain: 'c' } });
    expect(read('{"message":"a","MESSAGE":"b"}')).toMatchObject({ values: { message: 'b' } });
    expect(read('{"meſſage":"long-s","ſıgnature":"dotless"}')).toMatchObject({
      values: { message: 'long-s', signature: 'dotless' },
    });
  });

  it('refuses invalid JSON, a body that is not an object and fields that are not strings', () => {
    for (const body of ['', '{', '{"message":"a"} x', '\ufeff{}', "{'message':'a'}"]) {
      expect(read(body), JSON.stringify(body)).toMatchObject({ ok: false });
    }
    expect(read('')).toEqual({ ok: false, error: 'Unexpected end of JSON input' });
    expect(read('[]')).toEqual({ ok: false, error: 'the body is a JSON array, not an object' });
    expect(read('"x"')).toEqual({ ok: false, error: 'the body is a JSON string, not an object' });
    expect(read('7')).toEqual({ ok: false, error: 'the body is a JSON number, not an object' });
    expect(read('{"message":1}')).toEqual({ ok: false, error: 'message is a JSON number, not a string' });
    expect(read('{"chain":true,"message":{}}')).toEqual({ ok: false, error: 'chain is a JSON boolean, not a string' });
    expect(read('{"Signature":[1]}')).toEqual({ ok: false, error: 'signature is a JSON array, not a string' });
  });

  it('decodes escapes, and lone surrogates and invalid UTF-8 become U+FFFD', () => {
    expect(read('{"message":"a\\nb\\u00e9\\ud83d\\ude00"}')).toMatchObject({ values: { message: 'a\nbé😀' } });
    expect(read('{"message":"\\ud800\\u0041"}')).toMatchObject({ values: { message: '\uFFFDA' } });
    const invalid = Buffer.concat([Buffer.from('{"message":"'), Buffer.from([0xc0, 0x41]), Buffer.from('"}')]);
    expect(read(invalid)).toMatchObject({ values: { message: '\uFFFDA' } });
  });
});
