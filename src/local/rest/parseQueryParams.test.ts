import { describe, expect, it } from 'vitest';
import { parseQueryParams } from './parseQueryParams.ts';
import type { RestError } from './RestError.ts';

const parse = (query: string, rpcRead = true) =>
  parseQueryParams(new URLSearchParams(query), 'public', 'items', { rpcRead });

describe('parseQueryParams', () => {
  it('splits select, filters, logic, order, range, columns and on_conflict', () => {
    const parsed = parse(
      'select=id&id=gt.1&or=(a.eq.1,b.eq.2)&order=id.desc&limit=5&offset=2&columns="a","b"&on_conflict=a',
    );
    expect(parsed.selectIsDefault).toBe(false);
    expect(parsed.filters).toHaveLength(1);
    expect(parsed.logic).toHaveLength(1);
    expect(parsed.order).toHaveLength(1);
    expect(parsed).toMatchObject({ limit: 5, offset: 2, columns: ['a', 'b'], onConflict: ['a'], rpcArgs: [] });
  });

  it('treats values without an operator as RPC arguments, like PostgREST', () => {
    const parsed = parse('p_wallet=0xabc&p_amount=1.5&p_note=&status=eq.active');
    expect(parsed.rpcArgs).toEqual([
      ['p_wallet', '0xabc'],
      ['p_amount', '1.5'],
      ['p_note', ''],
    ]);
    expect(parsed.filters.map((filter) => filter.field.name)).toEqual(['status']);
  });

  it('refuses a value without an operator with PGRST100 outside GET/HEAD RPC calls', () => {
    for (const query of ['_=123', 'foo=bar', 'p_note=']) {
      let caught: unknown;
      try {
        parse(query, false);
      } catch (error) {
        caught = error;
      }
      expect((caught as RestError).body, query).toMatchObject({
        code: 'PGRST100',
        message: `"failed to parse filter (${query.split('=')[1]})" (line 1, column 1)`,
      });
    }
  });

  it('reads a bare operator word as a (malformed) filter, as PostgREST does', () => {
    let caught: unknown;
    try {
      parse('name=in');
    } catch (error) {
      caught = error;
    }
    expect((caught as RestError).body.code).toBe('PGRST100');
  });

  it('refuses embedded filters, orders and ranges with PGRST108', () => {
    for (const query of ['owner.name=eq.x', 'owner.order=name', 'owner.limit=1']) {
      let caught: unknown;
      try {
        parse(query);
      } catch (error) {
        caught = error;
      }
      expect((caught as RestError).body.code).toBe('PGRST108');
    }
  });

  it('keeps a quoted dotted name as one root field', () => {
    expect(parse('"a.b"=eq.1').filters[0]?.field.name).toBe('a.b');
  });

  it.each(['limit=-1', 'limit=1e3', 'offset=abc', 'limit=1;select'])('rejects %j with PGRST100', (query) => {
    let caught: unknown;
    try {
      parse(query);
    } catch (error) {
      caught = error;
    }
    expect((caught as RestError).body.code).toBe('PGRST100');
  });
});
