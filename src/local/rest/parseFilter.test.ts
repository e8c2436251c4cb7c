import { describe, expect, it } from 'vitest';
import { parseFilter } from './parseFilter.ts';
import { RestError } from './RestError.ts';

describe('parseFilter', () => {
  it('parses simple operators with the rest of the value verbatim', () => {
    expect(parseFilter('name', 'eq.a.b,c)')).toEqual({
      field: { name: 'name', jsonPath: [] },
      negated: false,
      operation: { kind: 'simple', operator: 'eq', value: 'a.b,c)', quantifier: undefined },
    });
  });

  it('parses negation, in-lists with quoted elements, is and quantifiers', () => {
    expect(parseFilter('id', 'not.in.(1,"2,3",4)')).toMatchObject({
      negated: true,
      operation: { kind: 'in', values: ['1', '2,3', '4'] },
    });
    expect(parseFilter('category', 'is.NULL')).toMatchObject({ operation: { kind: 'is', value: 'null' } });
    expect(parseFilter('qty', 'gt(any).{1,5}')).toMatchObject({
      operation: { kind: 'simple', operator: 'gt', quantifier: 'any', value: '{1,5}' },
    });
    expect(parseFilter('body', 'fts(english).cat')).toMatchObject({
      operation: { kind: 'fts', operator: 'fts', language: 'english', value: 'cat' },
    });
  });

  it('parses JSON paths in the key', () => {
    expect(parseFilter('data->origin->>country', 'eq.NZ').field).toEqual({
      name: 'data',
      jsonPath: [
        { arrow: '->', key: 'origin' },
        { arrow: '->>', key: 'country' },
      ],
    });
  });

  it.each([
    ['id', 'eqq.1'],
    ['id', 'is.maybe'],
    ['id', 'in.1,2'],
    ['id', 'eq(any.1'],
    ['id;drop table items', 'eq.1'],
    ['id', 'fts(english)x).1'],
  ])('rejects %j=%j with PGRST100', (key, value) => {
    let caught: unknown;
    try {
      parseFilter(key, value);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RestError);
    expect((caught as RestError).body.code).toBe('PGRST100');
  });
});
