import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { closedPort } from '../../test/support/closedPort.ts';
import { createLogger } from '../log/index.ts';
import { databaseSource, startDatabaseWatch } from './startDatabaseWatch.ts';

describe('startDatabaseWatch', () => {
  it('a database it cannot reach is written down as not sampled, without the URL or its password', async () => {
    let logged = '';
    const log = createLogger({
      destination: new Writable({
        write(chunk, _encoding, done) {
          logged += String(chunk);
          done();
        },
      }),
    });
    const url = `postgres://watcher:s3cret-pw-42@127.0.0.1:${await closedPort()}/game`;
    const watcher = await startDatabaseWatch({ url, source: databaseSource(url), intervalMs: 100, log });
    expect(watcher.sampling).toBe(false);
    watcher.onPhase('rush');
    const watch = await watcher.stop();
    expect(watch).toMatchObject({
      sampled: false,
      samples: [],
      source: expect.stringMatching(/^127\.0\.0\.1:\d+\/game$/),
    });
    expect(watch.reason).toMatch(/^cannot read 127\.0\.0\.1:\d+\/game: /);
    expect(logged).toContain('database_not_sampled');
    for (const text of [JSON.stringify(watch), logged]) {
      expect(text).not.toContain('s3cret-pw-42');
      expect(text).not.toContain('watcher:');
    }
    // stop is idempotent
    expect(await watcher.stop()).toBe(watch);
  });
});
