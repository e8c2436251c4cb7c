/**
 * @module `json.Unmarshal(body, &params)` for GoTrue's flat string-field request structs
 * (`Web3GrantParams`, `RefreshTokenGrantParams`): the same accepted inputs, field matching and
 * error texts, so `bad_json` responses read like GoTrue's.
 */
import { decodeUtf8Go } from './decodeUtf8Go.ts';
import { goJsonSyntaxError } from './scanGoJson.ts';

/** A Go struct whose fields are all `string` with `json:"<name>"` tags. */
export interface GoStringStruct {
  /** Go type name as `%T` prints it, e.g. `api.Web3GrantParams` */
  typeName: string;
  /** JSON names of the fields */
  fields: readonly string[];
}

export type GoJsonDecodeResult = { ok: true; values: Record<string, string> } | { ok: false; error: string };

/** Lone surrogates (from `\uD800`-style escapes) become U+FFFD, as Go's decoder does. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

type JsonKind = 'string' | 'number' | 'bool' | 'null' | 'object' | 'array';

/** Walks already-validated JSON text (Go-decoded to a JavaScript string). */
class ValidJsonReader {
  private index = 0;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  skipSpace(): void {
    while (/[ \t\r\n]/.test(this.text[this.index] ?? '')) this.index++;
  }

  peek(): string {
    this.skipSpace();
    return this.text[this.index] ?? '';
  }

  /** Steps over the next structural character (`{`, `:` or `,`). */
  consume(): void {
    this.skipSpace();
    this.index++;
  }

  kind(): JsonKind {
    const char = this.peek();
    if (char === '"') return 'string';
    if (char === '{') return 'object';
    if (char === '[') return 'array';
    if (char === 't' || char === 'f') return 'bool';
    if (char === 'n') return 'null';
    return 'number';
  }

  /** A string literal, with Go's handling of invalid surrogate escapes (U+FFFD). */
  readString(): string {
    this.skipSpace();
    const start = this.index;
    this.index++;
    while (this.text[this.index] !== '"') this.index += this.text[this.index] === '\\' ? 2 : 1;
    this.index++;
    return wellFormed(JSON.parse(this.text.slice(start, this.index)) as string);
  }

  /** Skips any value (nesting handled iteratively: Go allows 10000 levels). */
  skipValue(): void {
    let depth = 0;
    do {
      const char = this.peek();
      if (char === '"') this.readString();
      else if (char === '{' || char === '[') {
        depth++;
        this.index++;
      } else if (char === '}' || char === ']') {
        depth--;
        this.index++;
      } else if (char === ',' || char === ':') this.index++;
      else {
        while (/[^\s,\]}]/.test(this.text[this.index] ?? ' ')) this.index++;
      }
    } while (depth > 0);
  }
}

/** Go's `foldName` (encoding/json): case-insensitive field matching, including its Unicode quirks. */
function foldName(name: string): string {
  let out = '';
  for (const char of name) {
    if (char.charCodeAt(0) < 0x80) {
      out += char.toUpperCase();
      continue;
    }
    // unicode.ToUpper(unicode.ToLower(r)) with simple (single code point) mappings
    let lower = char.toLowerCase();
    if (Array.from(lower).length !== 1) lower = char === '\u0130' ? 'i' : char;
    const upper = lower.toUpperCase();
    out += Array.from(upper).length === 1 ? upper : lower;
  }
  return out;
}

/**
 * Decodes a request body into a struct of string fields the way `json.Unmarshal` does: syntax
 * errors first, then `null` leaving fields empty, keys matched exactly or case-insensitively (last
 * one wins), unknown keys ignored, and the first non-string value reported as an
 * UnmarshalTypeError. Error texts are Go's.
 */
export function decodeGoJsonFields(body: Uint8Array, struct: GoStringStruct): GoJsonDecodeResult {
  const syntaxError = goJsonSyntaxError(body);
  if (syntaxError) return { ok: false, error: syntaxError };
  const reader = new ValidJsonReader(decodeUtf8Go(body));
  const values: Record<string, string> = Object.fromEntries(struct.fields.map((field) => [field, '']));
  const topKind = reader.kind();
  if (topKind === 'null') return { ok: true, values };
  if (topKind !== 'object')
    return { ok: false, error: `json: cannot unmarshal ${topKind} into Go value of type ${struct.typeName}` };

  const structName = struct.typeName.slice(struct.typeName.lastIndexOf('.') + 1);
  const folded = new Map(struct.fields.map((field) => [foldName(field), field]));
  let firstError: string | undefined;
  reader.consume();
  while (reader.peek() !== '}') {
    const key = reader.readString();
    reader.consume();
    const field = struct.fields.includes(key) ? key : folded.get(foldName(key));
    const kind = reader.kind();
    if (field !== undefined && kind === 'string') values[field] = reader.readString();
    else {
      if (field !== undefined && kind !== 'null') {
        firstError ??= `json: cannot unmarshal ${kind} into Go struct field ${structName}.${field} of type string`;
      }
      reader.skipValue();
    }
    if (reader.peek() === ',') reader.consume();
  }
  return firstError ? { ok: false, error: firstError } : { ok: true, values };
}
