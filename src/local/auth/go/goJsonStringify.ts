/** @module JSON text as Go's `encoding/json` writes it: struct fields in order, map keys sorted, HTML-safe escapes. */

const GO_MAP: unique symbol = Symbol('GoMap');

/** A value Go holds as `map[string]interface{}`: marshalled with keys sorted by their bytes. */
export interface GoMap {
  readonly [GO_MAP]: true;
  readonly entries: ReadonlyArray<readonly [string, unknown]>;
}

/** Wraps a JSON object (deeply) as Go maps; arrays and scalars are kept. */
export function goMap(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(goMap);
  if (value === null || typeof value !== 'object' || GO_MAP in value) return value;
  const entries = Object.entries(value).map(([key, item]) => [key, goMap(item)] as const);
  entries.sort(([a], [b]) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
  return { [GO_MAP]: true, entries } satisfies GoMap;
}

function quote(text: string): string {
  return JSON.stringify(text).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Serialises like Go's `json.Marshal`: plain objects are structs (keys in insertion order),
 * GoMap values are maps (keys sorted), `undefined` object members are omitted (omitempty),
 * and `<`, `>`, `&`, U+2028, U+2029 are escaped.
 */
export function goJsonStringify(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(goJsonStringify).join(',')}]`;
  if (typeof value === 'object') {
    const entries: ReadonlyArray<readonly [string, unknown]> =
      GO_MAP in value ? (value as GoMap).entries : Object.entries(value);
    const members = entries
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => `${quote(key)}:${goJsonStringify(item)}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`cannot serialise a ${typeof value} as JSON`);
}
