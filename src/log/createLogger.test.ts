import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from './createLogger.ts';
import { registerSecret } from './redact.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('writes {"ts","event",...} JSON lines, level only for warnings', () => {
    const { lines, stream } = capture();
    const log = createLogger({ destination: stream as never, bindings: { runId: 'r1' } });
    log.info({ event: 'faucet_claimed', wallet: '0x1111111111111111111111111111111111111111' });
    log.warn({ event: 'box_tiers_unavailable' });
    const [info, warn] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(Object.keys(info!)[0]).toBe('ts');
    expect(info).toMatchObject({
      event: 'faucet_claimed',
      runId: 'r1',
      wallet: '0x1111111111111111111111111111111111111111',
    });
    expect(info).not.toHaveProperty('level');
    expect(warn).toMatchObject({ level: 'warn', event: 'box_tiers_unavailable' });
  });

  it('stamps each line with its own time', () => {
    vi.useFakeTimers();
    try {
      const { lines, stream } = capture();
      const log = createLogger({ destination: stream as never });
      vi.setSystemTime(new Date('2026-01-01T00:00:00.000Z'));
      log.info({ event: 'a' });
      vi.setSystemTime(new Date('2026-01-01T00:00:05.000Z'));
      log.info({ event: 'b' });
      expect(lines.map((line) => (JSON.parse(line) as { ts: string }).ts)).toEqual([
        '2026-01-01T00:00:00.000Z',
        '2026-01-01T00:00:05.000Z',
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('redacts keys, JWTs, signatures and registered secrets wherever they appear', () => {
    const { lines, stream } = capture();
    registerSecret('base64-encryption-key-value==');
    const log = createLogger({ destination: stream as never });
    const key = `0x${'ab'.repeat(32)}`;
    log.info({
      event: 'x',
      privateKey: key,
      headers: { apikey: 'anything', authorization: 'Bearer abc' },
      message: `failed with ${key} and eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig and base64-encryption-key-value==`,
      signature: `0x${'cd'.repeat(65)}`,
    });
    const text = lines.join('\n');
    expect(text).not.toContain('ab'.repeat(32));
    expect(text).not.toContain('eyJzdWIiOiIxIn0');
    expect(text).not.toContain('base64-encryption-key-value');
    expect(text).not.toContain('Bearer abc');
    expect(text).not.toContain('cd'.repeat(65));
    expect(JSON.parse(lines[0]!)).toMatchObject({
      privateKey: '[REDACTED]',
      headers: { apikey: '[REDACTED]', authorization: '[REDACTED]' },
    });
  });
});
