import { describe, expect, it } from 'vitest';
import { parseOrder } from './parseOrder.ts';
import type { RestError } from './RestError.ts';

describe('parseOrder', () => {
  it('parses directions, null ordering and JSON paths', () => {
    expect(parseOrder('sort_order.asc,price.desc.nullslast,meta->>color,id.nullsfirst')).toEqual([
      { field: { name: 'sort_order', jsonPath: [] }, direction: 'asc', nulls: undefined },
      { field: { name: 'price', jsonPath: [] }, direction: 'desc', nulls: 'last' },
      { field: { name: 'meta', jsonPath: [{ arrow: '->>', key: 'color' }] }, direction: undefined, nulls: undefined },
      { field: { name: 'id', jsonPath: [] }, direction: undefined, nulls: 'first' },
    ]);
  });

  it.each(['id.ascending', 'id.desc;drop table x', 'id.desc nulls first', 'id)'])('rejects %j', (value) => {
    let caught: unknown;
    try {
      parseOrder(value);
    } catch (error) {
      caught = error;
    }
    expect((caught as RestError).body.code).toBe('PGRST100');
  });

  it('refuses ordering by an embedded resource', () => {
    let caught: unknown;
    try {
      parseOrder('owner(name).desc');
    } catch (error) {
      caught = error;
    }
    expect((caught as RestError).body.code).toBe('PGRST108');
  });
});
