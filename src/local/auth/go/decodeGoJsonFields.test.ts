import { describe, expect, it } from 'vitest';
import { decodeGoJsonFields } from './decodeGoJsonFields.ts';

const web3 = { typeName: 'api.Web3GrantParams', fields: ['message', 'signature', 'chain'] } as const;
const decode = (body: string | Uint8Array) =>
  decodeGoJsonFields(typeof body === 'string' ? Buffer.from(body, 'utf8') : body, web3);

describe('decodeGoJsonFields (json.Unmarshal into a string struct)', () => {
  it('reads string fields and ignores unknown keys', () => {
    expect(
      decode('{"chain":"ethereum","message":"m","signature":"s","gotrue_meta_security":{"captcha_token":"x"}}'),
    ).toEqual({
      ok: true,
      values: { message: 'm', signature: 's', chain: 'ethereum' },
    });
  });

  it('treats null and missing fields as empty strings', () => {
    expect(decode('null')).toEqual({ ok: true, values: { message: '', signature: '', chain: '' } });
    expect(decode('{"message":null}')).toEqual({ ok: true, values: { message: '', signature: '', chain: '' } });
  });

  it('matches keys case-insensitively like Go, exact names first, last one winning', () => {
    expect(decode('{"MESSAGE":"a","Chain":"c"}')).toMatchObject({ values: { message: 'a', chain: 'c' } });
    expect(decode('{"message":"a","MESSAGE":"b"}')).toMatchObject({ values: { message: 'b' } });
    expect(decode('{"message":"a","MESSAGE":"b","message":"c"}')).toMatchObject({ values: { message: 'c' } });
    expect(decode('{"meſſage":"long-s","ſıgnature":"dotless"}')).toMatchObject({
      values: { message: 'long-s', signature: 'dotless' },
    });
    expect(decode('{"meßage":"x"}')).toMatchObject({ values: { message: '' } });
  });

  it("reports type mismatches with Go's UnmarshalTypeError text", () => {
    expect(decode('{"message":1}')).toEqual({
      ok: false,
      error: 'json: cannot unmarshal number into Go struct field Web3GrantParams.message of type string',
    });
    expect(decode('{"chain":true,"message":{}}')).toEqual({
      ok: false,
      error: 'json: cannot unmarshal bool into Go struct field Web3GrantParams.chain of type string',
    });
    expect(decode('{"Signature":[1]}')).toEqual({
      ok: false,
      error: 'json: cannot unmarshal array into Go struct field Web3GrantParams.signature of type string',
    });
    expect(decode('[]')).toEqual({
      ok: false,
      error: 'json: cannot unmarshal array into Go value of type api.Web3GrantParams',
    });
    expect(decode('"x"')).toEqual({
      ok: false,
      error: 'json: cannot unmarshal string into Go value of type api.Web3GrantParams',
    });
    expect(decode('7')).toEqual({
      ok: false,
      error: 'json: cannot unmarshal number into Go value of type api.Web3GrantParams',
    });
  });

  it('decodes strings like Go: escapes, bad surrogates and invalid UTF-8 become U+FFFD', () => {
    expect(decode('{"message":"a\\nb\\u00e9\\ud83d\\ude00"}')).toMatchObject({ values: { message: 'a\nbé😀' } });
    expect(decode('{"message":"\\ud800\\u0041"}')).toMatchObject({ values: { message: '\uFFFDA' } });
    const invalid = Buffer.concat([
      Buffer.from('{"message":"'),
      Buffer.from([0xe2, 0x82, 0x41, 0xed, 0xa0, 0x80]),
      Buffer.from('"}'),
    ]);
    expect(decode(invalid)).toMatchObject({ values: { message: '\uFFFD\uFFFDA\uFFFD\uFFFD\uFFFD' } });
  });
});
