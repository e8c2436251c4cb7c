import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { followFile } from './followFile.ts';

describe('followFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rocket-sim-follow-'));
  afterEach(() => vi.useRealTimers());

  it('hands over complete lines as they are appended, and the rest on stop', () => {
    vi.useFakeTimers();
    const path = join(dir, 'events.jsonl');
    const lines: string[] = [];
    const follower = followFile(path, (line) => lines.push(line), 100);
    vi.advanceTimersByTime(100); // the file does not exist yet
    appendFileSync(path, '{"event":"a"}\n{"event":"b"');
    vi.advanceTimersByTime(100);
    expect(lines).toEqual(['{"event":"a"}']);
    appendFileSync(path, '}\n');
    follower.stop();
    expect(lines).toEqual(['{"event":"a"}', '{"event":"b"}']);
    rmSync(dir, { recursive: true, force: true });
  });
});
