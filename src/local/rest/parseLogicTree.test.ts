import { describe, expect, it } from 'vitest';
import { parseLogicTree } from './parseLogicTree.ts';
import type { RestError } from './RestError.ts';

describe('parseLogicTree', () => {
  it('parses nested trees with negation, quoted values and arrays', () => {
    const tree = parseLogicTree('or', '(qty.gt.10,and(name.eq."a,b",tags.not.cs.{x,y}),not.or(id.eq.1,id.in.(2,3)))');
    expect(tree).toEqual({
      kind: 'logic',
      operator: 'or',
      negated: false,
      children: [
        {
          kind: 'filter',
          filter: {
            field: { name: 'qty', jsonPath: [] },
            negated: false,
            operation: { kind: 'simple', operator: 'gt', value: '10', quantifier: undefined },
          },
        },
        {
          kind: 'logic',
          operator: 'and',
          negated: false,
          children: [
            {
              kind: 'filter',
              filter: {
                field: { name: 'name', jsonPath: [] },
                negated: false,
                operation: { kind: 'simple', operator: 'eq', value: 'a,b', quantifier: undefined },
              },
            },
            {
              kind: 'filter',
              filter: {
                field: { name: 'tags', jsonPath: [] },
                negated: true,
                operation: { kind: 'simple', operator: 'cs', value: '{x,y}', quantifier: undefined },
              },
            },
          ],
        },
        {
          kind: 'logic',
          operator: 'or',
          negated: true,
          children: [
            {
              kind: 'filter',
              filter: {
                field: { name: 'id', jsonPath: [] },
                negated: false,
                operation: { kind: 'simple', operator: 'eq', value: '1', quantifier: undefined },
              },
            },
            {
              kind: 'filter',
              filter: {
                field: { name: 'id', jsonPath: [] },
                negated: false,
                operation: { kind: 'in', values: ['2', '3'] },
              },
            },
          ],
        },
      ],
    });
  });

  it('marks not.and trees negated', () => {
    expect(parseLogicTree('not.and', '(a.eq.1)')).toMatchObject({ operator: 'and', negated: true });
  });

  it.each(['()', '(a.eq.1', 'a.eq.1', '(a.eq.1))', '(xor(a.eq.1))', '(not.a.eq.1)'])(
    'rejects %j with PGRST100',
    (value) => {
      let caught: unknown;
      try {
        parseLogicTree('or', value);
      } catch (error) {
        caught = error;
      }
      expect((caught as RestError).body.code).toBe('PGRST100');
      expect((caught as RestError).body.message).toContain('failed to parse logic tree');
    },
  );
});
