/**
 * @module The grant request bodies (`{message, signature, chain}`, `{refresh_token}`): a JSON object
 * whose named fields are strings, read as GoTrue's `json.Unmarshal` into a struct of strings reads it
 * (what it accepts, how keys match). What it does not copy is Go's error text for a body it refuses:
 * those bodies get GoTrue's status and code (400 `bad_json`) with JavaScript's parse error
 * (docs/local-stack.md, "Auth").
 */

export type BodyFields<F extends string> = { ok: true; values: Record<F, string> } | { ok: false; error: string };

// a leading byte order mark is kept, so the parse refuses it as Go's decoder does
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Lone surrogates (from `\uD800`-style escapes) become U+FFFD, as Go's decoder does. */
const wellFormed = (text: string) =>
  text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

const kindOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/**
 * Reads `fields` from a JSON body: `null` or a missing or null field leaves it empty, unknown keys
 * are ignored, a key matches its field exactly or else case-insensitively (a later key wins), any
 * other JSON value of a field, a non-object body or invalid JSON is refused.
 */
export function readBodyFields<F extends string>(body: Uint8Array, fields: readonly F[]): BodyFields<F> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(body));
  } catch (error) {
    return { ok: false, error: (error as SyntaxError).message };
  }
  const values = Object.fromEntries(fields.map((field) => [field, ''])) as Record<F, string>;
  if (parsed === null) return { ok: true, values };
  if (typeof parsed !== 'object' || Array.isArray(parsed))
    return { ok: false, error: `the body is a JSON ${kindOf(parsed)}, not an object` };
  const byUpperCase = new Map(fields.map((field) => [field.toUpperCase(), field]));
  let refused: string | undefined;
  for (const [key, value] of Object.entries(parsed)) {
    const field = (fields as readonly string[]).includes(key) ? (key as F) : byUpperCase.get(key.toUpperCase());
    if (field === undefined || value === null) continue;
    if (typeof value === 'string') values[field] = wellFormed(value);
    else refused ??= `${field} is a JSON ${kindOf(value)}, not a string`;
  }
  return refused === undefined ? { ok: true, values } : { ok: false, error: refused };
}
