/**
 * @module The Auth API's JSON bodies, byte for byte as GoTrue's `encoding/json` writes them: struct
 * fields in order, map keys sorted, HTML-safe escapes.
 */

const JSON_MAP: unique symbol = Symbol('JsonMap');

/** A value Go holds as `map[string]interface{}`: marshalled with keys sorted by their bytes. */
export interface JsonMap {
  readonly [JSON_MAP]: true;
  readonly entries: ReadonlyArray<readonly [string, unknown]>;
}

/** Wraps a JSON object (deeply) as Go maps; arrays and scalars are kept. */
export function jsonMap(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(jsonMap);
  if (value === null || typeof value !== 'object' || JSON_MAP in value) return value;
  const entries = Object.entries(value).map(([key, item]) => [key, jsonMap(item)] as const);
  entries.sort(([a], [b]) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
  return { [JSON_MAP]: true, entries } satisfies JsonMap;
}

function quote(text: string): string {
  return JSON.stringify(text).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Serialises like Go's `json.Marshal`: plain objects are structs (keys in insertion order),
 * JsonMap values are maps (keys sorted), `undefined` object members are omitted (omitempty),
 * and `<`, `>`, `&`, U+2028, U+2029 are escaped.
 */
export function encodeJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(encodeJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries: ReadonlyArray<readonly [string, unknown]> =
      JSON_MAP in value ? (value as JsonMap).entries : Object.entries(value);
    const members = entries
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => `${quote(key)}:${encodeJson(item)}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`cannot serialise a ${typeof value} as JSON`);
}
