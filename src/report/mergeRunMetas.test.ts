import { describe, expect, it } from 'vitest';
import { mergeRunMetas } from './mergeRunMetas.ts';

describe('mergeRunMetas', () => {
  it('reports unknown identities when no worker left a run-meta', () => {
    expect(mergeRunMetas([{ name: 'w1', meta: undefined }])).toMatchObject({ scenario: 'unknown', seed: 'unknown' });
  });
});
