import { describe, expect, it } from 'vitest';
import { ConfigError, TargetUnreachableError } from '../errors/index.ts';
import { explainStartupError } from './explainStartupError.ts';

const systemError = (code: string) => Object.assign(new Error(`boom ${code}`), { code });
const url = 'postgres://alice:s3cret@db.internal:5433/game';

describe('explainStartupError', () => {
  it('names the flag and the fix, never the URL', () => {
    const port = explainStartupError(systemError('EADDRINUSE'), { host: '127.0.0.1', port: 54321 });
    expect(port).toBeInstanceOf(ConfigError);
    expect((port as Error).message).toBe(
      '--port: 127.0.0.1:54321 is already in use (another rocket-sim local or supabase start?): stop it or choose another --port',
    );
    const refused = explainStartupError(systemError('ECONNREFUSED'), { databaseUrl: url });
    expect(refused).toBeInstanceOf(TargetUnreachableError);
    expect((refused as TargetUnreachableError).exitCode).toBe(3);
    expect((refused as Error).message).toBe(
      '--database-url: no PostgreSQL server answers at db.internal:5433 (ECONNREFUSED): start it or fix the URL',
    );
    const missing = explainStartupError(systemError('3D000'), { databaseUrl: url, databaseFlag: 'DATABASE_URL' });
    expect((missing as Error).message).toBe(
      'DATABASE_URL: database "game" does not exist on db.internal:5433: create it (createdb game) or fix the URL',
    );
    expect((explainStartupError(systemError('28P01'), { databaseUrl: url }) as Error).message).toMatch(/user "alice"/);
    for (const error of [refused, missing]) expect((error as Error).message).not.toContain('s3cret');
  });

  it('leaves unknown errors alone', () => {
    const other = systemError('EWHATEVER');
    expect(explainStartupError(other, { databaseUrl: url })).toBe(other);
  });
});
