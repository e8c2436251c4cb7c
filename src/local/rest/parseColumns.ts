/** @module Parses `columns=` and `on_conflict=` lists of field names (supabase-js quotes them: `"a","b"`). */
import { QueryCursor } from './QueryCursor.ts';

/** Parses a comma-separated field-name list; `what` is `columns parameter` or `on_conflict parameter`. */
export function parseColumns(value: string, what: 'columns parameter' | 'on_conflict parameter'): string[] {
  const cursor = new QueryCursor(value, what);
  const names: string[] = [];
  for (;;) {
    cursor.skipSpaces();
    names.push(cursor.fieldName());
    cursor.skipSpaces();
    if (cursor.done) return names;
    cursor.expect(',');
  }
}
