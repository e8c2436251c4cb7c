import { describe, expect, it } from 'vitest';
import { goJwtParseError } from './goJwtParseError.ts';

const segment = (json: string) => Buffer.from(json, 'utf8').toString('base64url');
const token = (header: string, claims: string, signature = 'c2ln') =>
  `${segment(header)}.${segment(claims)}.${signature}`;
const HS256 = '{"alg":"HS256","typ":"JWT"}';

describe('goJwtParseError (golang-jwt v5 parse steps)', () => {
  it('accepts a structurally valid HS256 token', () => {
    expect(goJwtParseError(token(HS256, '{"sub":"x","exp":1}'))).toBeUndefined();
    expect(goJwtParseError(token(`${HS256}  trailing`, 'null'))).toBeUndefined();
  });

  it('checks the segment count and base64url of each segment', () => {
    expect(goJwtParseError('abc')).toBe('token is malformed: token contains an invalid number of segments');
    expect(goJwtParseError('a.b.c.d')).toBe('token is malformed: token contains an invalid number of segments');
    expect(goJwtParseError('a.b.c')).toBe(
      'token is malformed: could not base64 decode header: illegal base64 data at input byte 0',
    );
    expect(goJwtParseError(`${segment(HS256)}=.e30.c2ln`)).toBe(
      'token is malformed: could not base64 decode header: illegal base64 data at input byte 36',
    );
    expect(goJwtParseError(`${segment(HS256)}.e3!.c2ln`)).toBe(
      'token is malformed: could not base64 decode claim: illegal base64 data at input byte 2',
    );
    expect(goJwtParseError(token(HS256, '{}', 'ab+c'))).toBe(
      'token is malformed: could not base64 decode signature: illegal base64 data at input byte 2',
    );
  });

  it('decodes header and claims JSON like json.Decoder', () => {
    expect(goJwtParseError(token('{"alg":', '{}'))).toBe(
      'token is malformed: could not JSON decode header: unexpected EOF',
    );
    expect(goJwtParseError(token('[1]', '{}'))).toBe(
      'token is malformed: could not JSON decode header: json: cannot unmarshal array into Go value of type map[string]interface {}',
    );
    expect(goJwtParseError(token(HS256, 'x'))).toBe(
      "token is malformed: could not JSON decode claim: invalid character 'x' looking for beginning of value",
    );
    expect(goJwtParseError(token(HS256, '"s"'))).toBe(
      'token is malformed: could not JSON decode claim: json: cannot unmarshal string into Go value of type api.AccessTokenClaims',
    );
    expect(goJwtParseError(token(HS256, '{"sub":1}'))).toBe(
      'token is malformed: could not JSON decode claim: json: cannot unmarshal number into Go struct field AccessTokenClaims.sub of type string',
    );
    expect(goJwtParseError(token(HS256, '{"is_anonymous":"no"}'))).toBe(
      'token is malformed: could not JSON decode claim: json: cannot unmarshal string into Go struct field AccessTokenClaims.is_anonymous of type bool',
    );
  });

  it('checks alg: present, known to golang-jwt, and HS256', () => {
    expect(goJwtParseError(token('{}', '{}'))).toBe('token is unverifiable: signing method (alg) is unspecified');
    expect(goJwtParseError(token('{"alg":"XYZ"}', '{}'))).toBe(
      'token is unverifiable: signing method (alg) is unavailable',
    );
    expect(goJwtParseError(token('{"alg":"none"}', '{}'))).toBe(
      'token signature is invalid: signing method none is invalid',
    );
    expect(goJwtParseError(token('{"alg":"ES256"}', '{}'))).toBe(
      'token signature is invalid: signing method ES256 is invalid',
    );
  });
});
