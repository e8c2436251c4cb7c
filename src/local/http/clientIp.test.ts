import { describe, expect, it } from 'vitest';
import { clientIp } from './clientIp.ts';

const request = (remoteAddress: string, forwarded?: string) =>
  ({
    socket: { remoteAddress },
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  }) as Parameters<typeof clientIp>[0];

describe('clientIp', () => {
  it('is the socket address unless a proxy is trusted', () => {
    expect(clientIp(request('127.0.0.1', '203.0.113.7'), false)).toBe('127.0.0.1');
    expect(clientIp(request('10.0.0.5'), true)).toBe('10.0.0.5');
  });

  it('takes the first X-Forwarded-For value from a trusted loopback proxy only', () => {
    expect(clientIp(request('127.0.0.1', '203.0.113.7, 10.0.0.1'), true)).toBe('203.0.113.7');
    expect(clientIp(request('::ffff:127.0.0.1', '2001:db8::1'), true)).toBe('2001:db8::1');
    expect(clientIp(request('::1', 'not-an-ip'), true)).toBe('::1');
    // a remote client cannot choose its bucket
    expect(clientIp(request('198.51.100.2', '203.0.113.7'), true)).toBe('198.51.100.2');
  });
});
