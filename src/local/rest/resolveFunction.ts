/**
 * @module RPC overload resolution by argument names (PostgREST `Plan.hs` findProc, contract B1):
 * the function whose required parameters are all given and whose parameters cover every key;
 * else a single unnamed json/jsonb (or text) parameter taking the whole body.
 */
import { closestMatch } from './closestMatch.ts';
import { RestError } from './RestError.ts';
import type { FunctionInfo, SchemaCache } from './schemaCache.ts';

export interface ResolvedCall {
  fn: FunctionInfo;
  /** `named`: the given keys as named arguments; `single`: the body as the one unnamed parameter */
  mode: 'named' | 'single';
  /** the parameters passed by name, in declaration order */
  named: FunctionInfo['params'];
}

export interface CallShape {
  /** true for POST (the body fallback applies), false for GET/HEAD */
  post: boolean;
  /** the body's media type for the unnamed-parameter fallback */
  bodyType: 'json' | 'text' | 'xml' | 'bytea' | 'other';
}

/** a raw text/xml/bytea body is only ever the argument of a single unnamed parameter */
function isRawBody(shape: CallShape): boolean {
  return shape.post && (shape.bodyType === 'text' || shape.bodyType === 'xml' || shape.bodyType === 'bytea');
}

function matchesKeys(fn: FunctionInfo, keys: ReadonlySet<string>, shape: CallShape): boolean {
  if (fn.params.length === 0) return keys.size === 0 && !isRawBody(shape);
  const names = new Set(fn.params.map((param) => param.name));
  for (const key of keys) if (!names.has(key)) return false;
  return fn.params.every((param) => param.hasDefault || keys.has(param.name));
}

function fitsBody(fn: FunctionInfo, shape: CallShape): boolean {
  const [only, ...rest] = fn.params;
  if (!shape.post || only === undefined || rest.length > 0 || only.name !== '') return false;
  if (shape.bodyType === 'json') return only.type === 'json' || only.type === 'jsonb';
  if (shape.bodyType === 'text') return only.type === 'text';
  if (shape.bodyType === 'xml') return only.type === 'xml';
  if (shape.bodyType === 'bytea') return only.type === 'bytea';
  return false;
}

function signature(fn: FunctionInfo): string {
  return `${fn.schema}.${fn.name}(${fn.params.map((param) => `${param.name} => ${param.type}`).join(', ')})`;
}

function ambiguous(candidates: readonly FunctionInfo[]): RestError {
  return new RestError(300, {
    code: 'PGRST203',
    message: `Could not choose the best candidate function between: ${candidates.map(signature).join(', ')}`,
    hint: 'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
  });
}

function notFound(
  cache: SchemaCache,
  schema: string,
  name: string,
  keys: readonly string[],
  shape: CallShape,
): RestError {
  const func = `${schema}.${name}`;
  const list = keys.join(', ');
  const raw = isRawBody(shape);
  const message = `Could not find the function ${func}${raw ? '' : keys.length === 0 ? ' without parameters' : `(${list})`} in the schema cache`;
  const searched = raw
    ? ` with a single unnamed ${shape.bodyType} parameter`
    : keys.length === 0
      ? ' without parameters'
      : ` with parameter${keys.length > 1 ? 's' : ''} ${list}`;
  const fallback = shape.post && shape.bodyType === 'json' ? ' or with a single unnamed json/jsonb parameter' : '';
  const overloads = cache.functions.get(schema)?.get(name) ?? [];
  let hint: string | null = null;
  if (raw) hint = null;
  else if (overloads.length === 0) {
    const closest = closestMatch(cache.functions.get(schema)?.keys() ?? [], name, 0.75);
    if (closest !== undefined) hint = `Perhaps you meant to call the function ${schema}.${closest}`;
  } else {
    const asList = (names: readonly string[]) => `(${[...names].sort().join(', ')})`;
    const closest = closestMatch(
      overloads.map((fn) => asList(fn.params.map((param) => param.name))),
      asList(keys),
      0.33,
    );
    if (closest !== undefined) hint = `Perhaps you meant to call the function ${schema}.${name}${closest}`;
  }
  return new RestError(404, {
    code: 'PGRST202',
    message,
    details: `Searched for the function ${func}${searched}${fallback}, but no matches were found in the schema cache.`,
    hint,
  });
}

/** Picks the overload of `schema.name` for the argument keys, or throws PGRST202 (404) / PGRST203 (300). */
export function resolveFunction(
  cache: SchemaCache,
  schema: string,
  name: string,
  argumentKeys: readonly string[],
  shape: CallShape,
): ResolvedCall {
  const keys = new Set(argumentKeys);
  const sortedKeys = [...keys].sort();
  const overloads = cache.functions.get(schema)?.get(name) ?? [];
  const named = overloads.filter((fn) => matchesKeys(fn, keys, shape));
  if (named.length > 1) throw ambiguous(named);
  const [namedMatch] = named;
  if (namedMatch)
    return { fn: namedMatch, mode: 'named', named: namedMatch.params.filter((param) => keys.has(param.name)) };
  const single = overloads.filter((fn) => fitsBody(fn, shape));
  if (single.length > 1) throw ambiguous(single);
  const [singleMatch] = single;
  if (singleMatch) return { fn: singleMatch, mode: 'single', named: [] };
  throw notFound(cache, schema, name, sortedKeys, shape);
}
