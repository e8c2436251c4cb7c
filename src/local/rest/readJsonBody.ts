/** @module The JSON request body: parsed in JS for its keys, passed to SQL as the original text. */
import { header, type LocalRequest } from '../http/types.ts';
import { pgrstErrors } from './pgrstErrors.ts';
import { RestError } from './RestError.ts';

const JSON_TYPES = new Set(['application/json', 'application/vnd.pgrst.object+json', 'application/vnd.pgrst.object']);

export interface JsonBody {
  /** the body text as sent (numbers keep every digit when PostgreSQL decodes it) */
  text: string;
  value: unknown;
}

/**
 * Reads the body as JSON. `emptyAs` replaces an empty body (RPC calls take `{}`); otherwise an empty
 * or malformed body is 400 PGRST102 `Empty or invalid json`. Only JSON bodies are supported.
 */
export function readJsonBody(request: LocalRequest, emptyAs?: string): JsonBody {
  const contentType = header(request, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== undefined && contentType !== '' && !JSON_TYPES.has(contentType)) {
    const unsupported = pgrstErrors.mediaType([contentType]);
    throw new RestError(415, unsupported.body);
  }
  let text = request.body.toString('utf8');
  if (text.trim() === '' && emptyAs !== undefined) text = emptyAs;
  try {
    return { text, value: JSON.parse(text) as unknown };
  } catch {
    throw pgrstErrors.invalidBody('Empty or invalid json');
  }
}

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
