import { describe, expect, it } from 'vitest';
import { formatHealthTable } from './formatHealthTable.ts';

describe('formatHealthTable', () => {
  it('lines up the checks, lists offending rows under their check and ends with the verdict', () => {
    const text = formatHealthTable(
      [
        {
          name: 'ledger_reconciliation',
          verdict: 'fail',
          summary: '1 wallet(s) with has_drift',
          offendingRows: [{ wallet: '0xab', drift: '5', ids: [1, 2] }],
        },
        { name: 'row_counts', verdict: 'skip', summary: 'none of the counted tables is on the target' },
      ],
      'db.example.test',
    );
    expect(text.split('\n')).toEqual([
      'health checks of db.example.test',
      '',
      '  verdict  check                  summary',
      '  FAIL     ledger_reconciliation  1 wallet(s) with has_drift',
      '                                    - wallet=0xab drift=5 ids=[1,2]',
      '  skip     row_counts             none of the counted tables is on the target',
      '',
      'verdict: failed (2 checks: 1 failed, 1 skipped)',
      '',
    ]);
  });

  it('redacts a JWT that reached a summary through an error text', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.c2lnbmF0dXJl';
    const text = formatHealthTable([{ name: 'scheduler_health', verdict: 'pass', summary: `echoed ${jwt}` }], 'x');
    expect(text).not.toContain(jwt);
    expect(text).toContain('echoed [REDACTED]');
    expect(text).toContain('verdict: passed (1 checks: 0 failed, 0 skipped)');
  });
});
