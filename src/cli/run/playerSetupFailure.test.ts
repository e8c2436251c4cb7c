import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/tempDir.ts';
import { playerSetupFailure } from './playerSetupFailure.ts';

const work = tempDir('setup-failure');
afterAll(() => work.remove());

describe('playerSetupFailure', () => {
  it("turns the processor's line in artillery.log into the run's error, exit 2 for configuration", () => {
    const log = join(work.path, 'artillery.log');
    writeFileSync(
      log,
      'Test run id: t1\nPhase started: once\n\nrocket-sim: the players cannot start: SUPABASE_ANON_KEY: is required\n',
    );
    const error = playerSetupFailure(log, 2);
    expect(error?.message).toBe('the players cannot start: SUPABASE_ANON_KEY: is required');
    expect(error?.exitCode).toBe(2);
    expect(playerSetupFailure(log, 11)?.exitCode).toBe(3);
  });

  it('is undefined for a log without that line, or no log', () => {
    const log = join(work.path, 'other.log');
    writeFileSync(log, 'worker error, id: 2\n');
    expect(playerSetupFailure(log, 11)).toBeUndefined();
    expect(playerSetupFailure(join(work.path, 'missing.log'), 2)).toBeUndefined();
  });
});
