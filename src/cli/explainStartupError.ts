/**
 * @module Turns the system errors of starting the embedded stack (a port in use, a PostgreSQL server
 * that does not answer, a database that does not exist, a refused login) into one line naming the
 * flag at fault and how to fix it. The original error stays as the cause (`--verbose` prints it).
 */
import { ConfigError, SimError, TargetUnreachableError } from '../errors/index.ts';

export interface StartupContext {
  host?: string | undefined;
  port?: number | undefined;
  /** the PostgreSQL URL in use, never printed (it may hold a password) */
  databaseUrl?: string | undefined;
  /** the flag or variable the URL came from: `--database-url` or `DATABASE_URL` */
  databaseFlag?: string | undefined;
}

/** Where a database URL points, without credentials: `127.0.0.1:5432/test`. */
function databaseOf(url: string | undefined): { server: string; name: string; user: string } {
  try {
    const parsed = new URL(url ?? '');
    return {
      server: `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}`,
      name: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default)',
      user: decodeURIComponent(parsed.username) || '(default)',
    };
  } catch {
    return { server: 'the server', name: '(unknown)', user: '(unknown)' };
  }
}

/** A one-line SimError for a known start-up failure; other errors are returned unchanged. */
export function explainStartupError(error: unknown, context: StartupContext): unknown {
  if (error instanceof SimError) return error;
  const { code } = (error ?? {}) as { code?: string };
  const options = { cause: error };
  const flag = context.databaseFlag ?? '--database-url';
  const db = databaseOf(context.databaseUrl);
  switch (code) {
    case 'EADDRINUSE':
      return new ConfigError(
        '--port',
        `${context.host ?? '127.0.0.1'}:${context.port} is already in use (another rocket-sim local or supabase start?): stop it or choose another --port`,
        options,
      );
    case 'EACCES':
      if (context.databaseUrl === undefined)
        return new ConfigError('--port', `port ${context.port} needs privileges: choose a port above 1023`, options);
      break;
    case 'EADDRNOTAVAIL':
      return new ConfigError('--host', `${context.host} is not an address of this machine`, options);
  }
  if (context.databaseUrl === undefined) return error;
  switch (code) {
    case 'ECONNREFUSED':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new TargetUnreachableError(
        `${flag}: no PostgreSQL server answers at ${db.server} (${code}): start it or fix the URL`,
        options,
      );
    // PostgreSQL SQLSTATEs: invalid_catalog_name, invalid_password, invalid_authorization_specification
    case '3D000':
      return new ConfigError(
        flag,
        `database "${db.name}" does not exist on ${db.server}: create it (createdb ${db.name}) or fix the URL`,
        options,
      );
    case '28P01':
    case '28000':
      return new ConfigError(
        flag,
        `${db.server} refused the login of user "${db.user}": check the user and password of the URL`,
        options,
      );
  }
  return error;
}
