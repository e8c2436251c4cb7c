import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium } from './checkReportInBrowser.ts';
import { tempDir } from './tempDir.ts';

const dir = tempDir('find-chromium');
afterAll(() => dir.remove());

/** A file named `name` in the scratch directory, executable or not. */
function file(name: string, executable: boolean): string {
  const path = join(dir.path, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, executable ? 0o755 : 0o644);
  return path;
}

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first, and refuses one that is not an executable', () => {
    const custom = file('my-chromium', true);
    expect(findChromium({ CHROMIUM_PATH: custom, PATH: '/usr/bin' }).path).toBe(custom);
    const plain = file('not-a-browser', false);
    expect(() => findChromium({ CHROMIUM_PATH: plain })).toThrow(`CHROMIUM_PATH=${plain} is not an executable`);
  });

  it('then looks on PATH, skipping files that are not executable', () => {
    const bin = tempDir('find-chromium-bin');
    const other = tempDir('find-chromium-other');
    try {
      writeFileSync(join(bin.path, 'chromium'), '');
      chmodSync(join(bin.path, 'chromium'), 0o644);
      writeFileSync(join(other.path, 'chromium-browser'), '#!/bin/sh\n');
      chmodSync(join(other.path, 'chromium-browser'), 0o755);
      expect(findChromium({ PATH: `${bin.path}:${other.path}` }).path).toBe(join(other.path, 'chromium-browser'));
    } finally {
      bin.remove();
      other.remove();
    }
  });

  it('says where it looked', () => {
    const { where } = findChromium({ PATH: '' });
    expect(where).toMatch(
      /^CHROMIUM_PATH, chromium\/chromium-browser\/google-chrome-stable\/google-chrome on PATH, Playwright's \//,
    );
  });
});
