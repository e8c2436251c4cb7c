/** @module Reads a JSON file and validates it with a zod schema; every failure is a ConfigError naming the path. */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { ConfigError } from '../errors/index.ts';

/**
 * Loads `path` and parses it with `schema`. Throws ConfigError (exit code 2) when the file is missing,
 * unreadable, not JSON, or not `what` (the first three schema issues are named, never the file's content).
 */
export async function loadJsonFile<Schema extends z.ZodType>(
  path: string,
  schema: Schema,
  what: string,
  /** names a known foreign format (another tool, another version) before the schema's issues */
  recognise?: (json: unknown) => string | undefined,
): Promise<z.output<Schema>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      path,
      code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? 'unknown error'})`,
      {
        cause: error,
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // the parser's message quotes file content, which could be a secret if the wrong file was passed:
    // only the position is kept
    throw new ConfigError(path, `not ${what}: ${invalidJson(text, (error as Error).message)}`, { cause: error });
  }
  const foreign = recognise?.(json);
  if (foreign !== undefined) throw new ConfigError(path, `not ${what}: ${foreign}`);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new ConfigError(path, `not ${what}: ${issues}`);
  }
  return parsed.data;
}

/** Where JSON.parse gave up, without quoting the text: cut off at the end, or damaged at a line and column. */
function invalidJson(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message);
  const at = position ? Number(position[1]) : undefined;
  if (text.trim() === '') return 'the file is empty';
  if (/Unexpected end of JSON input/.test(message) || (at !== undefined && at >= text.trimEnd().length)) {
    return 'invalid JSON: the file ends before the JSON does (cut off while it was written or copied?)';
  }
  const line = /\(line (\d+) column (\d+)\)/.exec(message);
  return line ? `invalid JSON at line ${line[1]} column ${line[2]} (damaged?)` : 'invalid JSON';
}
