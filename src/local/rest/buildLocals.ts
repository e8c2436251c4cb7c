/**
 * @module The first statement of every request transaction (PostgREST `setPgLocals`): one
 * `SELECT set_config(..., true)` list, all transaction-local, every name and value bound.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { BuiltStatement } from './buildRead.ts';
import { quoteIdent, SqlParams } from './sql.ts';

function headersJson(headers: IncomingHttpHeaders): string {
  const entries = Object.entries(headers).flatMap(([name, value]) =>
    value === undefined ? [] : [[name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value] as const],
  );
  return JSON.stringify(Object.fromEntries(entries));
}

function cookiesJson(cookieHeader: string | undefined): string {
  const cookies: Record<string, string> = {};
  for (const part of (cookieHeader ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    cookies[part.slice(0, index).trim()] = part.slice(index + 1).trim();
  }
  return JSON.stringify(cookies);
}

/**
 * In PostgREST's order: `search_path`, the role's settings (e.g. `statement_timeout`), `role`,
 * `request.jwt.claims`, `request.method`, `request.path`, `request.headers`, `request.cookies`,
 * `timezone` (`Prefer: timezone=`).
 * `readOnly` also sets `transaction_read_only` (PostgREST's `BEGIN READ ONLY`).
 */
export function buildLocals(options: {
  searchPath: readonly string[];
  roleSettings: readonly (readonly [string, string])[];
  role: string;
  claims: Record<string, unknown>;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  readOnly: boolean;
  /** `Prefer: timezone=` */
  timezone?: string | undefined;
}): BuiltStatement {
  const params = new SqlParams();
  const settings: [string, string][] = [
    ...(options.readOnly ? [['transaction_read_only', 'on'] as [string, string]] : []),
    ['search_path', options.searchPath.map(quoteIdent).join(', ')],
    ...options.roleSettings.map(([name, value]): [string, string] => [name, value]),
    ['role', options.role],
    ['request.jwt.claims', JSON.stringify(options.claims)],
    ['request.method', options.method],
    ['request.path', options.path],
    ['request.headers', headersJson(options.headers)],
    [
      'request.cookies',
      cookiesJson(Array.isArray(options.headers.cookie) ? options.headers.cookie.join('; ') : options.headers.cookie),
    ],
    ...(options.timezone === undefined ? [] : [['timezone', options.timezone] as [string, string]]),
  ];
  const calls = settings.map(([name, value]) => `set_config(${params.add(name)}, ${params.add(value)}, true)`);
  return { sql: `SELECT ${calls.join(', ')}`, params: params.values };
}
