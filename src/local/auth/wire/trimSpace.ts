/**
 * @module Trimming as GoTrue's SIWE parser trims (Go's `strings.TrimSpace`), whose white space set
 * differs from JavaScript's `trim()`.
 */

// unicode.IsSpace: JavaScript's set plus U+0085 (NEL), minus U+FEFF (BOM)
const SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const LEADING = new RegExp(`^${SPACE}+`);
const TRAILING = new RegExp(`${SPACE}+$`);

/** Removes leading and trailing white space as Go's `strings.TrimSpace` defines it. */
export function trimSpace(text: string): string {
  return text.replace(LEADING, '').replace(TRAILING, '');
}
