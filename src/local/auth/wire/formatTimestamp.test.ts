import { describe, expect, it } from 'vitest';
import { formatTimestamp, sqlUtcText } from './formatTimestamp.ts';

describe('formatTimestamp', () => {
  it('drops trailing fraction zeros like RFC3339Nano', () => {
    expect(formatTimestamp('2025-03-29T00:09:59.120000Z')).toBe('2025-03-29T00:09:59.12Z');
    expect(formatTimestamp('2025-03-29T00:09:59.000000Z')).toBe('2025-03-29T00:09:59Z');
    expect(formatTimestamp('2025-03-29T00:09:59.123456Z')).toBe('2025-03-29T00:09:59.123456Z');
    expect(formatTimestamp(new Date('2025-03-29T00:09:59.5Z'))).toBe('2025-03-29T00:09:59.5Z');
  });

  it('renders SQL for UTC text with an alias', () => {
    expect(sqlUtcText('u.created_at')).toBe(
      `to_char(u.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at`,
    );
  });
});
