/**
 * @module A scanner over one query-parameter value with PostgREST's lexical rules (`QueryParams.hs`):
 * field names, quoted values, JSON paths. Failures become PGRST100 with Parsec-like positions.
 */
import { pgrstErrors } from './pgrstErrors.ts';
import type { RestError } from './RestError.ts';
import type { FieldRef, JsonStep } from './queryTypes.ts';

const IDENTIFIER_CHAR = /^[\p{L}0-9_ $]$/u;
const DIGIT = /^[0-9]$/;

/** Reads one query-parameter value; `what` names it in error messages (`select parameter`, `filter`, ...). */
export class QueryCursor {
  readonly input: string;
  readonly what: string;
  pos = 0;

  constructor(input: string, what: string) {
    this.input = input;
    this.what = what;
  }

  get done(): boolean {
    return this.pos >= this.input.length;
  }

  /** The next code point (not code unit), or '' at the end. */
  peekChar(offset = 0): string {
    let at = this.pos;
    for (let i = 0; i < offset && at < this.input.length; i++)
      at += String.fromCodePoint(this.input.codePointAt(at) ?? 0).length;
    const code = this.input.codePointAt(at);
    return code === undefined ? '' : String.fromCodePoint(code);
  }

  startsWith(text: string): boolean {
    return this.input.startsWith(text, this.pos);
  }

  eat(text: string): boolean {
    if (!this.startsWith(text)) return false;
    this.pos += text.length;
    return true;
  }

  expect(text: string): void {
    if (!this.eat(text)) throw this.fail(`expecting "${text}"`);
  }

  /** A PGRST100 error at the current position: `unexpected "x" <expecting>`. */
  fail(expecting: string): RestError {
    const next = this.peekChar();
    const unexpected = next === '' ? 'unexpected end of input' : `unexpected ${JSON.stringify(next)}`;
    return pgrstErrors.queryParam(this.what, this.input, this.pos + 1, `${unexpected} ${expecting}`);
  }

  skipSpaces(): void {
    while (this.peekChar() === ' ' || this.peekChar() === '\t') this.pos++;
  }

  /** Runs `parse`; on failure restores the position and returns undefined (Parsec's `try`). */
  attempt<T>(parse: () => T): T | undefined {
    const start = this.pos;
    try {
      return parse();
    } catch {
      this.pos = start;
      return undefined;
    }
  }

  /** `"..."` with backslash escapes. */
  quotedValue(): string {
    this.expect('"');
    let value = '';
    for (;;) {
      const char = this.peekChar();
      if (char === '') throw this.fail('expecting closing quote');
      this.pos += char.length;
      if (char === '"') return value;
      if (char === '\\') {
        const escaped = this.peekChar();
        if (escaped === '') throw this.fail('expecting escaped character');
        this.pos += escaped.length;
        value += escaped;
      } else {
        value += char;
      }
    }
  }

  /** Letters, digits, `_`, space and `$`; surrounding spaces trimmed. */
  identifier(): string {
    const start = this.pos;
    while (!this.done && IDENTIFIER_CHAR.test(this.peekChar())) this.pos += this.peekChar().length;
    if (this.pos === start) throw this.fail('expecting field name (* or [a..z0..9_$])');
    return this.input.slice(start, this.pos).trim();
  }

  /** A quoted name, or identifiers joined by `-` (a dash not starting `->`). NUL can never name anything. */
  fieldName(): string {
    const start = this.pos;
    let name: string;
    if (this.peekChar() === '"') name = this.quotedValue();
    else {
      const parts = [this.identifier()];
      while (this.peekChar() === '-' && this.peekChar(1) !== '>') {
        this.pos++;
        parts.push(this.identifier());
      }
      name = parts.join('-');
    }
    if (name.includes('\0')) {
      this.pos = start;
      throw this.fail('expecting a name without NUL characters');
    }
    return name;
  }

  private atPathEnd(): boolean {
    return this.done || this.startsWith('->') || this.startsWith('::') || this.startsWith('.') || this.startsWith(',');
  }

  /** Zero or more `->`/`->>` steps; an all-digit operand (optionally negative) is an array index. */
  jsonPath(): JsonStep[] {
    const steps: JsonStep[] = [];
    for (;;) {
      let arrow: '->' | '->>';
      if (this.eat('->>')) arrow = '->>';
      else if (this.eat('->')) arrow = '->';
      else return steps;
      const index = this.attempt(() => {
        const start = this.pos;
        this.eat('-');
        if (!DIGIT.test(this.peekChar())) throw this.fail('expecting digit');
        while (DIGIT.test(this.peekChar())) this.pos++;
        if (!this.atPathEnd()) throw this.fail('expecting digit, "->", "::", ".", "," or end of input');
        return Number(this.input.slice(start, this.pos));
      });
      if (index !== undefined && Number.isSafeInteger(index)) steps.push({ arrow, index });
      else steps.push({ arrow, key: this.fieldName() });
    }
  }

  /** A field name and its JSON path, with surrounding spaces. */
  field(): FieldRef {
    this.skipSpaces();
    const name = this.fieldName();
    const jsonPath = this.jsonPath();
    this.skipSpaces();
    return { name, jsonPath };
  }

  /** Fails unless the whole input was consumed. */
  end(expecting: string): void {
    if (!this.done) throw this.fail(expecting);
  }
}
