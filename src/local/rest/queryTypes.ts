/** @module The parsed form of PostgREST query parameters (select, filters, logic trees, order). */
import type { FtsOperator, IsValue, SimpleOperator } from './filterOperators.ts';

/** One step of a JSON path: `->key`, `->>key`, `->0`, `->>-1`. */
export type JsonStep = { arrow: '->' | '->>'; key: string } | { arrow: '->' | '->>'; index: number };

/** A column reference, optionally followed by a JSON path. */
export interface FieldRef {
  name: string;
  jsonPath: JsonStep[];
}

export type SelectItem =
  | { kind: 'star' }
  | { kind: 'field'; field: FieldRef; alias: string | undefined; cast: string | undefined };

export type Operation =
  | { kind: 'simple'; operator: SimpleOperator; value: string; quantifier: 'any' | 'all' | undefined }
  | { kind: 'in'; values: string[] }
  | { kind: 'is'; value: IsValue }
  | { kind: 'isdistinct'; value: string }
  | { kind: 'fts'; operator: FtsOperator; language: string | undefined; value: string };

export interface Filter {
  field: FieldRef;
  negated: boolean;
  operation: Operation;
}

export type LogicTree =
  | { kind: 'filter'; filter: Filter }
  | { kind: 'logic'; operator: 'and' | 'or'; negated: boolean; children: LogicTree[] };

export interface OrderTerm {
  field: FieldRef;
  direction: 'asc' | 'desc' | undefined;
  nulls: 'first' | 'last' | undefined;
}
