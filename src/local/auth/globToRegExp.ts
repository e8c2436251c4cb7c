/**
 * @module The glob dialect of gobwas/glob (GoTrue's `GOTRUE_URI_ALLOW_LIST` entries, compiled with
 * separators `.` and `/`), translated to an anchored RegExp.
 */
import { ExitCode, SimError } from '../../errors/index.ts';

/** An allow-list entry that gobwas/glob refuses to compile (GoTrue would not start). */
export class GlobSyntaxError extends SimError {
  override readonly code: string = 'E_GLOB_SYNTAX';
  override readonly exitCode: ExitCode = ExitCode.usage;
  override name = 'GlobSyntaxError';
}

const literal = (char: string) =>
  /^[A-Za-z0-9]$/.test(char) ? char : `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`;

/**
 * Compiles a gobwas/glob pattern: `*` matches any run of characters except the separators,
 * `**` any run at all, `?` one non-separator character, `[abc]` / `[!abc]` / `[a-z]` / `[!a-z]`
 * one character (separators included), `{a,b}` alternatives, `\` escapes the next character.
 * Everything else is literal, so a pattern without wildcards matches only itself.
 */
export function globToRegExp(pattern: string, separators: readonly string[] = ['.', '/']): RegExp {
  const chars = Array.from(pattern);
  const notSeparator = `[^${separators.map(literal).join('')}]`;
  let i = 0;
  let termsDepth = 0;

  const fail = (reason: string): never => {
    throw new GlobSyntaxError(`glob ${JSON.stringify(pattern)}: ${reason}`);
  };

  function text(breakers: string): string {
    let out = '';
    let escaped = false;
    while (i < chars.length) {
      const char = chars[i] ?? '';
      if (!escaped) {
        if (char === '\\') {
          escaped = true;
          i++;
          continue;
        }
        if (breakers.includes(char)) break;
      }
      escaped = false;
      out += char;
      i++;
    }
    return out;
  }

  function range(): string {
    // called after `[`; mirrors the gobwas lexer: optional `!`, then either `lo-hi` or a text run
    let not = false;
    if (chars[i] === '!') {
      not = true;
      i++;
    }
    let body: string;
    if (i >= chars.length) return fail('unexpected end of input');
    if (chars[i + 1] === '-') {
      const lo = chars[i] ?? '';
      const hi = chars[i + 2];
      if (hi === undefined) return fail('unexpected end of input');
      if ((hi.codePointAt(0) ?? 0) < (lo.codePointAt(0) ?? 0))
        fail(`hi character '${hi}' should be greater than lo '${lo}'`);
      i += 3;
      body = `${literal(lo)}-${literal(hi)}`;
    } else {
      const members = text(']');
      if (members === '') return fail('could not parse range');
      body = Array.from(members).map(literal).join('');
    }
    if (i >= chars.length) return fail('unexpected end of input');
    if (chars[i] !== ']') return fail('expected close range character');
    i++;
    return `[${not ? '^' : ''}${body}]`;
  }

  function sequence(): string {
    let out = '';
    while (i < chars.length) {
      const char = chars[i] ?? '';
      if (termsDepth > 0 && (char === ',' || char === '}')) return out;
      if (char === '*') {
        if (chars[i + 1] === '*') {
          out += '[\\s\\S]*';
          i += 2;
        } else {
          out += `${notSeparator}*`;
          i++;
        }
      } else if (char === '?') {
        out += notSeparator;
        i++;
      } else if (char === '[') {
        i++;
        out += range();
      } else if (char === '{') {
        i++;
        termsDepth++;
        const alternatives = [sequence()];
        while (chars[i] === ',') {
          i++;
          alternatives.push(sequence());
        }
        // an unclosed `{` runs to the end of the pattern (the gobwas parser does not reject it)
        if (chars[i] === '}') i++;
        termsDepth--;
        out += `(?:${alternatives.join('|')})`;
      } else {
        out += Array.from(text(termsDepth > 0 ? '*?[{},' : '*?[{'))
          .map(literal)
          .join('');
      }
    }
    return out;
  }

  const source = sequence();
  return new RegExp(`^(?:${source})$`, 'u');
}
