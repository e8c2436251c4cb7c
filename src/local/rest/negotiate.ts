/** @module Content negotiation: the response media type from `Accept`, the schema from `Accept-/Content-Profile`. */
import { header, type LocalRequest } from '../http/types.ts';
import { pgrstErrors } from './pgrstErrors.ts';

export interface MediaChoice {
  /** `object` for `application/vnd.pgrst.object+json` (supabase-js `.single()`) */
  shape: 'array' | 'object';
  /** `;nulls=stripped` (supabase-js `.stripNulls()`) */
  stripNulls: boolean;
  contentType: string;
}

interface AcceptEntry {
  type: string;
  params: Map<string, string>;
  q: number;
}

function parseAccept(value: string): AcceptEntry[] {
  return value
    .split(',')
    .map((part) => {
      const [type = '', ...rawParams] = part.split(';').map((piece) => piece.trim());
      const params = new Map(
        rawParams.map((param) => param.split('=', 2).map((piece) => piece.trim().toLowerCase()) as [string, string]),
      );
      const q = params.has('q') ? Number(params.get('q')) : 1;
      return { type: type.toLowerCase(), params, q: Number.isFinite(q) ? q : 0 };
    })
    .filter((entry) => entry.type !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q);
}

function choice(entry: AcceptEntry): MediaChoice | undefined {
  const stripNulls = entry.params.get('nulls') === 'stripped';
  const suffix = stripNulls ? '; nulls=stripped' : '';
  switch (entry.type) {
    case 'application/json':
    case 'application/*':
    case '*/*':
      return { shape: 'array', stripNulls: false, contentType: 'application/json; charset=utf-8' };
    case 'application/vnd.pgrst.array+json':
    case 'application/vnd.pgrst.array':
      return { shape: 'array', stripNulls, contentType: `application/vnd.pgrst.array+json${suffix}; charset=utf-8` };
    case 'application/vnd.pgrst.object+json':
    case 'application/vnd.pgrst.object':
      return { shape: 'object', stripNulls, contentType: `application/vnd.pgrst.object+json${suffix}; charset=utf-8` };
    default:
      return undefined;
  }
}

/** The media type to answer with; 406 PGRST107 when `Accept` lists only types the stack cannot produce. */
export function negotiateMedia(request: LocalRequest): MediaChoice {
  const accept = header(request, 'accept');
  const entries = accept === undefined ? [] : parseAccept(accept);
  if (entries.length === 0)
    return { shape: 'array', stripNulls: false, contentType: 'application/json; charset=utf-8' };
  for (const entry of entries) {
    const chosen = choice(entry);
    if (chosen) return chosen;
  }
  throw pgrstErrors.mediaType(entries.map((entry) => entry.type));
}

/**
 * The schema a request targets: `Accept-Profile` for GET/HEAD, `Content-Profile` otherwise,
 * else the first exposed schema. A schema that is not exposed is 406 PGRST106.
 */
export function negotiateSchema(
  request: LocalRequest,
  schemas: readonly string[],
): { schema: string; byProfile: boolean } {
  const reading = request.method === 'GET' || request.method === 'HEAD';
  const profile = header(request, reading ? 'accept-profile' : 'content-profile');
  const fallback = schemas[0] ?? 'public';
  if (profile === undefined) return { schema: fallback, byProfile: false };
  if (!schemas.includes(profile)) throw pgrstErrors.unacceptableSchema(profile, schemas);
  return { schema: profile, byProfile: true };
}
