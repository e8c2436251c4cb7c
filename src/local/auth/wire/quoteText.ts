/** @module User input quoted in Auth error messages as GoTrue quotes it (Go's `%q` / `strconv.Quote`). */

const SHORT_ESCAPES: Record<number, string> = {
  7: '\\a',
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
};
// unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Quotes one code point's text the way `strconv.Quote` writes it inside the quotes. */
function quoteRune(codePoint: number): string {
  if (codePoint === 0x22) return '\\"';
  if (codePoint === 0x5c) return '\\\\';
  const short = SHORT_ESCAPES[codePoint];
  if (short) return short;
  const char = String.fromCodePoint(codePoint);
  if (PRINTABLE.test(char)) return char;
  if (codePoint < 0x20 || codePoint === 0x7f) return `\\x${codePoint.toString(16).padStart(2, '0')}`;
  if (codePoint < 0x10000) return `\\u${codePoint.toString(16).padStart(4, '0')}`;
  return `\\U${codePoint.toString(16).padStart(8, '0')}`;
}

/** `strconv.Quote(text)`: a double-quoted Go string literal. */
export function quoteText(text: string): string {
  let out = '"';
  for (const char of text) out += quoteRune(char.codePointAt(0) ?? 0);
  return `${out}"`;
}
