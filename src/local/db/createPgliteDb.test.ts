import { describe, expect, it } from 'vitest';
import { CHECKPOINT_WAL_BYTES, createPgliteDb } from './createPgliteDb.ts';

describe('createPgliteDb: memory of a long run', () => {
  it('uses small shared buffers and 1 MB WAL segments', async () => {
    const db = await createPgliteDb({ walCheckMs: 0 });
    try {
      const rows = await db.query<{ name: string; setting: string }>(
        `select name, setting from pg_settings where name in ('shared_buffers', 'wal_segment_size', 'max_wal_size') order by name`,
      );
      expect(Object.fromEntries(rows.map((row) => [row.name, row.setting]))).toEqual({
        max_wal_size: '8',
        shared_buffers: '2048', // 8 kB pages: 16 MB
        wal_segment_size: String(1024 * 1024),
      });
    } finally {
      await db.close();
    }
  });

  it('keeps the WAL of an in-memory database within a few segments however much is written', {
    timeout: 120_000,
  }, async () => {
    const db = await createPgliteDb({ walCheckMs: 0 });
    try {
      await db.exec('create table churn (id int primary key, payload text)');
      const walBytes = async () =>
        Number((await db.query<{ bytes: string }>('select sum(size)::text as bytes from pg_ls_waldir()'))[0]!.bytes);
      const written = async () =>
        Number(
          (await db.query<{ lsn: string }>(`select (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text as lsn`))[0]!
            .lsn,
        );
      const start = await written();
      let checkpoints = 0;
      let largest = 0;
      // ~60 MB of WAL: updates of 2,000 rows of 1 kB, 30 times, checking after each pass as the stack's timer would
      await db.query(`insert into churn select g, repeat('x', 1000) from generate_series(1, 2000) g`);
      for (let pass = 0; pass < 30; pass++) {
        await db.query(`update churn set payload = repeat(chr(97 + ($1::int % 26)), 1000)`, [pass]);
        if (await db.checkpointIfWalGrew()) checkpoints += 1;
        largest = Math.max(largest, await walBytes());
      }
      expect((await written()) - start).toBeGreaterThan(40 * 1024 * 1024);
      expect(checkpoints).toBeGreaterThan(5);
      // without checkpoints PostgreSQL in single-user mode would keep every segment (40+ MB here)
      expect(largest).toBeLessThanOrEqual(16 * 1024 * 1024);
    } finally {
      await db.close();
    }
  });

  it('does not checkpoint while less than the threshold was written', async () => {
    const db = await createPgliteDb({ walCheckMs: 0 });
    try {
      await db.checkpointIfWalGrew();
      await db.exec('create table small (id int)');
      await db.query('insert into small select generate_series(1, 10)');
      expect(CHECKPOINT_WAL_BYTES).toBeGreaterThan(64 * 1024);
      expect(await db.checkpointIfWalGrew()).toBe(false);
    } finally {
      await db.close();
    }
  });
});
