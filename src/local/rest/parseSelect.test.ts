import { describe, expect, it } from 'vitest';
import { parseSelect } from './parseSelect.ts';
import { RestError } from './RestError.ts';

function errorOf(fn: () => unknown): RestError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RestError) return error;
    throw error;
  }
  throw new Error('expected a RestError');
}

describe('parseSelect', () => {
  it('parses columns, aliases, casts, stars and JSON paths', () => {
    expect(parseSelect('id, price::text,label:name,*,c:meta->a->>b,meta->0', 'public', 't')).toEqual([
      { kind: 'field', field: { name: 'id', jsonPath: [] }, alias: undefined, cast: undefined },
      { kind: 'field', field: { name: 'price', jsonPath: [] }, alias: undefined, cast: 'text' },
      { kind: 'field', field: { name: 'name', jsonPath: [] }, alias: 'label', cast: undefined },
      { kind: 'star' },
      {
        kind: 'field',
        field: {
          name: 'meta',
          jsonPath: [
            { arrow: '->', key: 'a' },
            { arrow: '->>', key: 'b' },
          ],
        },
        alias: 'c',
        cast: undefined,
      },
      {
        kind: 'field',
        field: { name: 'meta', jsonPath: [{ arrow: '->', index: 0 }] },
        alias: undefined,
        cast: undefined,
      },
    ]);
  });

  it('accepts quoted names with any characters', () => {
    expect(parseSelect('"we\\"ird; name"', 'public', 't')).toEqual([
      { kind: 'field', field: { name: 'we"ird; name', jsonPath: [] }, alias: undefined, cast: undefined },
    ]);
  });

  it('accepts multi-word type names but nothing else with spaces', () => {
    expect(parseSelect('price::double precision', 'public', 't')[0]).toMatchObject({ cast: 'double precision' });
    expect(errorOf(() => parseSelect('price::text from pg_authid', 'public', 't')).body.code).toBe('PGRST100');
  });

  it.each(['id;drop table x', 'id)--', "id'||pg_sleep(1)||'", 'id::int)/**/union/**/select/**/1--', 'id::$$', ''])(
    'rejects %j with PGRST100 naming the input',
    (input) => {
      const error = errorOf(() => parseSelect(input, 'public', 't'));
      expect(error.status).toBe(400);
      expect(error.body.code).toBe('PGRST100');
      expect(error.body.message).toContain(`failed to parse select parameter (${input})`);
    },
  );

  it('refuses embedded resources with PGRST200 and aggregates with PGRST123', () => {
    const embed = errorOf(() => parseSelect('id,owner(*)', 'public', 'notes'));
    expect(embed.body).toMatchObject({
      code: 'PGRST200',
      message: "Could not find a relationship between 'notes' and 'owner' in the schema cache",
    });
    expect(embed.body.details).toContain('not supported by the local stack');
    expect(errorOf(() => parseSelect('...owner(id)', 'public', 'notes')).body.code).toBe('PGRST200');
    expect(errorOf(() => parseSelect('count()', 'public', 'notes')).body.code).toBe('PGRST123');
    expect(errorOf(() => parseSelect('qty.sum()', 'public', 'items')).body.code).toBe('PGRST123');
  });
});
