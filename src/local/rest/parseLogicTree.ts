/** @module Parses `or=(...)`/`and=(...)` boolean trees of filters, nested to any depth. */
import { parseOperation } from './parseOperation.ts';
import { QueryCursor } from './QueryCursor.ts';
import type { LogicTree } from './queryTypes.ts';

/** A value inside a logic tree: quoted, a `{...}` array literal, or up to the next `,`/`)`. */
function logicValue(cursor: QueryCursor): string {
  const quoted = cursor.attempt(() => {
    const value = cursor.quotedValue();
    const next = cursor.peekChar();
    if (next !== ',' && next !== ')') throw cursor.fail('expecting "," or ")"');
    return value;
  });
  if (quoted !== undefined) return quoted;
  const start = cursor.pos;
  if (cursor.peekChar() === '{') {
    const close = cursor.input.indexOf('}', start);
    const inner = close < 0 ? '' : cursor.input.slice(start + 1, close);
    if (close >= 0 && !inner.includes('{')) {
      cursor.pos = close + 1;
      return cursor.input.slice(start, cursor.pos);
    }
  }
  while (!cursor.done && cursor.peekChar() !== ',' && cursor.peekChar() !== ')') cursor.pos++;
  return cursor.input.slice(start, cursor.pos);
}

function children(cursor: QueryCursor): LogicTree[] {
  cursor.skipSpaces();
  cursor.expect('(');
  const list: LogicTree[] = [];
  for (;;) {
    cursor.skipSpaces();
    list.push(node(cursor));
    cursor.skipSpaces();
    if (!cursor.eat(',')) break;
  }
  cursor.expect(')');
  cursor.skipSpaces();
  return list;
}

function node(cursor: QueryCursor): LogicTree {
  const filter = cursor.attempt(() => {
    const field = cursor.field();
    cursor.expect('.');
    const { negated, operation } = parseOperation(cursor, logicValue);
    return { field, negated, operation };
  });
  if (filter !== undefined) return { kind: 'filter', filter };
  const negated = cursor.eat('not.');
  let operator: 'and' | 'or';
  if (cursor.eat('and')) operator = 'and';
  else if (cursor.eat('or')) operator = 'or';
  else
    throw cursor.fail('expecting field name (* or [a..z0..9_$]), negation operator (not) or logic operator (and, or)');
  return { kind: 'logic', operator, negated, children: children(cursor) };
}

/** Parses the value of an `and`/`or` parameter; `key` is `and`, `or`, `not.and` or `not.or`. */
export function parseLogicTree(key: 'and' | 'or' | 'not.and' | 'not.or', value: string): LogicTree {
  const cursor = new QueryCursor(value, 'logic tree');
  const tree: LogicTree = {
    kind: 'logic',
    operator: key.endsWith('and') ? 'and' : 'or',
    negated: key.startsWith('not.'),
    children: children(cursor),
  };
  cursor.end('expecting end of input');
  return tree;
}
