/**
 * @module Bytes to text as GoTrue's output does it (Go's `utf8.DecodeRune`): each invalid UTF-8 byte
 * becomes one U+FFFD.
 */

/**
 * Decodes bytes like Go turns a byte string into runes (`for _, r := range s`, `encoding/json`):
 * a byte that does not start a valid, shortest-form, non-surrogate sequence yields U+FFFD and
 * decoding resumes at the next byte. (WHATWG decoders replace maximal subparts instead, so they
 * can emit fewer replacement characters; the count matters for message byte lengths.)
 */
export function decodeUtf8Lossy(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; ) {
    const [codePoint, size] = decodeRune(bytes, i);
    chunk += String.fromCodePoint(codePoint);
    i += size;
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

const REPLACEMENT = 0xfffd;

/** Go's `utf8.DecodeRune`: the code point at `i` and its byte length (U+FFFD, 1 when invalid). */
function decodeRune(bytes: Uint8Array, i: number): [number, number] {
  const b0 = bytes[i] ?? 0;
  if (b0 < 0x80) return [b0, 1];
  let size: number;
  let low = 0x80;
  let high = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) size = 2;
  else if (b0 >= 0xe0 && b0 <= 0xef) {
    size = 3;
    if (b0 === 0xe0) low = 0xa0;
    if (b0 === 0xed) high = 0x9f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    size = 4;
    if (b0 === 0xf0) low = 0x90;
    if (b0 === 0xf4) high = 0x8f;
  } else return [REPLACEMENT, 1];
  if (i + size > bytes.length) return [REPLACEMENT, 1];
  const b1 = bytes[i + 1] ?? 0;
  if (b1 < low || b1 > high) return [REPLACEMENT, 1];
  let codePoint = (b0 & (0xff >> (size + 1))) * 64 + (b1 & 0x3f);
  for (let k = 2; k < size; k++) {
    const b = bytes[i + k] ?? 0;
    if (b < 0x80 || b > 0xbf) return [REPLACEMENT, 1];
    codePoint = codePoint * 64 + (b & 0x3f);
  }
  return [codePoint, size];
}
