import { describe, expect, it } from 'vitest';
import { normaliseServerMessage, rejectedCounter, serverMessageCounter } from './responseCounters.ts';

describe('response counters', () => {
  it('names benign rejections by request', () => {
    expect(rejectedCounter('rpc_open_mystery_box')).toBe('rocket.rejected.rpc_open_mystery_box');
  });

  it('masks what varies between otherwise equal messages', () => {
    expect(
      normaliseServerMessage(400, 'bid must be  at least 12.5 for\n0xAbC1 round 3f2b6c1e-1a2b-4c3d-8e9f-001122334455'),
    ).toBe('400: bid must be at least # for <hex> round <uuid>');
    expect(normaliseServerMessage(500, 'x'.repeat(300))).toHaveLength('500: '.length + 120);
  });

  it('counts at most 20 distinct messages per request, the rest together', () => {
    const names = Array.from({ length: 25 }, (_, i) =>
      serverMessageCounter('auth_web3_cap', 400, `reason ${'ab'[i % 2]}${'x'.repeat(i)}`),
    );
    expect(new Set(names).size).toBe(21);
    expect(names.at(-1)).toBe('rocket.message.auth_web3_cap.(other messages)');
    // a message already seen keeps its own counter
    expect(serverMessageCounter('auth_web3_cap', 400, 'reason a')).toBe('rocket.message.auth_web3_cap.400: reason a');
  });
});
