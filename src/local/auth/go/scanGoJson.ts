/** @module Go's encoding/json scanner: which bytes it accepts and the exact SyntaxError texts it reports. */
import { goQuoteRune } from './goQuote.ts';

const MAX_DEPTH = 10000;
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHexDigit = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** Go's `quoteChar`: how the scanner names an offending byte. */
function quoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  return `'${goQuoteRune(c)}'`;
}

/**
 * Go's encoding/json scanner over `data`. Whole-input mode is `checkValid` (json.Unmarshal):
 * trailing non-space is an error. Stream mode is `json.Decoder.Decode`: scanning stops after the
 * first complete value and a truncated input reads `unexpected EOF` (`EOF` when blank).
 * `end` is the byte offset just after the first value.
 */
export function scanGoJson(data: Uint8Array, mode: 'whole' | 'stream' = 'whole'): { error?: string; end: number } {
  type Step = (c: number) => string | undefined;
  const stack: ('key' | 'value' | 'array')[] = [];
  let step: Step;
  let endTop = false;
  const error = (c: number, context: string) => `invalid character ${quoteChar(c)} ${context}`;

  const push = (c: number, kind: 'key' | 'array'): string | undefined => {
    stack.push(kind);
    return stack.length > MAX_DEPTH ? error(c, 'exceeded max depth') : undefined;
  };

  const endValue: Step = (c) => {
    const top = stack[stack.length - 1];
    if (top === undefined) {
      endTop = true;
      step = endOfTop;
      return endOfTop(c);
    }
    if (isSpace(c)) {
      step = endValue;
      return undefined;
    }
    if (top === 'key') {
      if (c === 0x3a) {
        stack[stack.length - 1] = 'value';
        step = beginValue;
        return undefined;
      }
      return error(c, 'after object key');
    }
    if (top === 'value') {
      if (c === 0x2c) {
        stack[stack.length - 1] = 'key';
        step = beginString;
        return undefined;
      }
      if (c === 0x7d) {
        stack.pop();
        step = endValue;
        return undefined;
      }
      return error(c, 'after object key:value pair');
    }
    if (c === 0x2c) {
      step = beginValue;
      return undefined;
    }
    if (c === 0x5d) {
      stack.pop();
      step = endValue;
      return undefined;
    }
    return error(c, 'after array element');
  };
  const endOfTop: Step = (c) => (isSpace(c) ? undefined : error(c, 'after top-level value'));
  const literal =
    (expected: string, name: string, next: number): Step =>
    (c) => {
      if (c !== expected.charCodeAt(next)) return error(c, `in literal ${name} (expecting '${expected[next]}')`);
      step = next === expected.length - 1 ? endValue : literal(expected, name, next + 1);
      return undefined;
    };
  const inString: Step = (c) => {
    if (c === 0x22) step = endValue;
    else if (c === 0x5c) step = inStringEscape;
    else if (c < 0x20) return error(c, 'in string literal');
    return undefined;
  };
  const inStringEscape: Step = (c) => {
    if ('bfnrt\\/"'.includes(String.fromCharCode(c))) {
      step = inString;
      return undefined;
    }
    if (c === 0x75) {
      step = hexEscape(0);
      return undefined;
    }
    return error(c, 'in string escape code');
  };
  const hexEscape =
    (seen: number): Step =>
    (c) => {
      if (!isHexDigit(c)) return error(c, 'in \\u hexadecimal character escape');
      step = seen === 3 ? inString : hexEscape(seen + 1);
      return undefined;
    };
  const negative: Step = (c) => {
    if (c === 0x30) step = zero;
    else if (c >= 0x31 && c <= 0x39) step = nonZero;
    else return error(c, 'in numeric literal');
    return undefined;
  };
  const nonZero: Step = (c) => {
    if (isDigit(c)) return undefined;
    return zero(c);
  };
  const zero: Step = (c) => {
    if (c === 0x2e) step = dot;
    else if (c === 0x65 || c === 0x45) step = exponent;
    else return endValue(c);
    return undefined;
  };
  const dot: Step = (c) => {
    if (!isDigit(c)) return error(c, 'after decimal point in numeric literal');
    step = dotDigits;
    return undefined;
  };
  const dotDigits: Step = (c) => {
    if (isDigit(c)) return undefined;
    if (c === 0x65 || c === 0x45) {
      step = exponent;
      return undefined;
    }
    return endValue(c);
  };
  const exponent: Step = (c) => {
    if (c === 0x2b || c === 0x2d) {
      step = exponentSign;
      return undefined;
    }
    return exponentSign(c);
  };
  const exponentSign: Step = (c) => {
    if (!isDigit(c)) return error(c, 'in exponent of numeric literal');
    step = exponentDigits;
    return undefined;
  };
  const exponentDigits: Step = (c) => (isDigit(c) ? undefined : endValue(c));
  const beginValue: Step = (c) => {
    if (isSpace(c)) return undefined;
    switch (c) {
      case 0x7b:
        step = beginStringOrEmpty;
        return push(c, 'key');
      case 0x5b:
        step = beginValueOrEmpty;
        return push(c, 'array');
      case 0x22:
        step = inString;
        return undefined;
      case 0x2d:
        step = negative;
        return undefined;
      case 0x30:
        step = zero;
        return undefined;
      case 0x74:
        step = literal('true', 'true', 1);
        return undefined;
      case 0x66:
        step = literal('false', 'false', 1);
        return undefined;
      case 0x6e:
        step = literal('null', 'null', 1);
        return undefined;
    }
    if (c >= 0x31 && c <= 0x39) {
      step = nonZero;
      return undefined;
    }
    return error(c, 'looking for beginning of value');
  };
  const beginValueOrEmpty: Step = (c) => {
    if (isSpace(c)) return undefined;
    if (c === 0x5d) return endValue(c);
    return beginValue(c);
  };
  const beginStringOrEmpty: Step = (c) => {
    if (isSpace(c)) return undefined;
    if (c === 0x7d) {
      stack[stack.length - 1] = 'value';
      return endValue(c);
    }
    return beginString(c);
  };
  const beginString: Step = (c) => {
    if (isSpace(c)) return undefined;
    if (c === 0x22) {
      step = inString;
      return undefined;
    }
    return error(c, 'looking for beginning of object key string');
  };

  step = beginValue;
  let end = -1;
  for (let index = 0; index < data.length; index++) {
    const c = data[index] ?? 0;
    const depthBefore = stack.length;
    const failure = step(c);
    if (end < 0 && endTop) end = index;
    // a closing bracket at depth 1 completes the value (numbers complete on the next byte, above)
    else if (end < 0 && depthBefore === 1 && stack.length === 0 && (c === 0x7d || c === 0x5d)) end = index + 1;
    if (mode === 'stream' && end >= 0) return { end };
    if (failure) return { error: failure, end };
  }
  if (endTop) return { end };
  // Go's scan.eof(): feed a space to finish a trailing number
  const failure = step(0x20);
  if (endTop) return { end: data.length };
  if (mode === 'stream') return { error: data.some((c) => !isSpace(c)) ? 'unexpected EOF' : 'EOF', end: -1 };
  return { error: failure ?? 'unexpected end of JSON input', end: -1 };
}

/** Go's `checkValid` (what json.Unmarshal reports first): the syntax error text, or undefined when valid. */
export function goJsonSyntaxError(data: Uint8Array): string | undefined {
  return scanGoJson(data, 'whole').error;
}
