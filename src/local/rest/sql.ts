/** @module SQL text helpers of the REST layer: identifier quoting and bound-parameter collection. */

/**
 * Quotes an identifier for SQL (`"a""b"`). Identifiers reach here only after being checked
 * against the schema cache or parsed as aliases; a NUL byte can never be sent, so it is refused.
 */
export function quoteIdent(name: string): string {
  if (name.includes('\0')) throw new Error('identifier contains a NUL byte');
  return `"${name.replaceAll('"', '""')}"`;
}

/** `"schema"."name"` */
export function qualifiedName(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** Collects bound parameter values; `add` returns the `$n` placeholder for a value. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * A PostgreSQL array literal (`{"a","b\"c"}`) for `= ANY($n)`: every element quoted and escaped,
 * so the literal is passed as one bound value and PostgreSQL infers the element type.
 */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}
