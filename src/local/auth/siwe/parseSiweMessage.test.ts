import { describe, expect, it } from 'vitest';
import { formatAuthUrl } from '../wire/parseAuthUrl.ts';
import { parseSiweMessage, SiweParseError } from './parseSiweMessage.ts';

const HEADER = 'domain.com wants you to sign in with your Ethereum account:';
const ADDRESS = '0x742d35Cc6635C0532925a3b8D53d6e8b3f56ddF1';
const message = (...lines: string[]) => [HEADER, ADDRESS, '', ...lines].join('\n');

function parseError(raw: string): string {
  try {
    parseSiweMessage(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(SiweParseError);
    return (error as Error).message;
  }
  throw new Error('expected a parse error');
}

describe('parseSiweMessage', () => {
  it("reproduces GoTrue's parser_test negative examples", () => {
    const cases: [string, string][] = [
      ['', 'siwe: message needs at least 6 lines'],
      ['\n\n\n\n', 'siwe: message needs at least 6 lines'],
      [
        'domain.com whatever\n\n\n\n\n\n',
        'siwe: message first line does not end in " wants you to sign in with your Ethereum account:"',
      ],
      [
        '******* wants you to sign in with your Ethereum account:\n\n\n\n\n\n',
        'siwe: domain in first line of message is not valid',
      ],
      [
        `${HEADER}\n***************************************\n\n\n\n\n`,
        'siwe: wallet address is not a valid Ethereum address',
      ],
      [`${HEADER}\n${ADDRESS}\nURI: https://google.com\n\n\n`, 'siwe: third line must be empty'],
      [message('Statement', '', 'Not Parsable', ''), 'siwe: encountered unparsable line at index 5'],
      [message('Statement', '', 'Version: 1', 'URI: ***', 'Issued At: 2025-01-01T00:00:00Z'), 'siwe: URI is not valid'],
      [
        message('Statement', '', 'Version: 1', 'URI: https://google.com', 'Issued At: not-a-timestamp'),
        'siwe: Issued At is not a valid ISO8601 timestamp',
      ],
      [
        message(
          'Statement',
          '',
          'Version: 1',
          'URI: https://google.com',
          'Issued At: 2025-01-01T00:00:00Z',
          'Expiration Time: not-a-timestamp',
        ),
        'siwe: Expiration Time is not a valid ISO8601 timestamp',
      ],
      [
        message(
          'Statement',
          '',
          'Version: 1',
          'URI: https://google.com',
          'Issued At: 2025-01-01T00:00:00Z',
          'Not Before: not-a-timestamp',
        ),
        'siwe: Not Before is not a valid ISO8601 timestamp',
      ],
      [
        message('Statement', '', 'Version: 2', 'Issued At: 2025-01-01T00:00:00Z', 'URI: https://google.com', ''),
        'siwe: Version value is not supported, expected 1 got "2"',
      ],
      [message('Statement', '', 'Version: 1', 'Issued At: 2025-01-01T00:00:00Z', '', ''), 'siwe: URI is not specified'],
      [
        message('Statement', '', 'Version: 1', 'URI: https://domain.com', 'Resources:', '- https://google.com', ''),
        'siwe: Issued At is not specified',
      ],
      [
        message(
          'Statement',
          '',
          'Version: 1',
          'URI: https://domain.com',
          'Issued At: 2025-01-02T00:00:00Z',
          'Expiration Time: 2025-01-01T00:00:00Z',
          '',
        ),
        'siwe: Issued At is after Expiration Time',
      ],
      [
        message(
          'Statement',
          '',
          'Version: 1',
          'URI: https://domain.com',
          'Issued At: 2025-01-01T00:00:00Z',
          'Expiration Time: 2025-01-02T00:00:00Z',
          'Not Before: 2025-01-03T00:00:00Z',
          '',
        ),
        'siwe: Not Before is after Expiration Time',
      ],
      [
        message(
          'Statement',
          '',
          'Version: 1',
          'URI: https://domain.com',
          'Issued At: 2025-01-01T00:00:00Z',
          'Resources:',
          '- https://google.com',
          '- ***',
          '',
        ),
        'siwe: Resource at position 1 has invalid URI',
      ],
      [
        message('Version: 1', 'URI: https://domain.com', 'Issued At: 2025-01-01T00:00:00Z', 'Chain ID: random:mainnet'),
        'siwe: Chain ID is not valid',
      ],
    ];
    for (const [raw, expected] of cases) expect(parseError(raw), JSON.stringify(raw)).toBe(expected);
  });

  it('quotes the version like Go %q and reports a missing one as ""', () => {
    expect(parseError(message('URI: https://domain.com', 'Issued At: 2025-01-01T00:00:00Z', 'Nonce: 1'))).toBe(
      'siwe: Version value is not supported, expected 1 got ""',
    );
    expect(parseError(message('URI: https://domain.com', 'Version: "1"', 'Issued At: 2025-01-01T00:00:00Z'))).toBe(
      'siwe: Version value is not supported, expected 1 got "\\"1\\""',
    );
  });

  it('checks in order: version before Issued At before URI', () => {
    expect(parseError(message('Nonce: x', 'Chain ID: 1', ''))).toBe(
      'siwe: Version value is not supported, expected 1 got ""',
    );
    expect(parseError(message('Version: 1', 'Chain ID: 1', ''))).toBe('siwe: Issued At is not specified');
    expect(parseError(message('Version: 1', 'Issued At: 0001-01-01T00:00:00Z', 'URI: ***'))).toBe(
      'siwe: Issued At is not specified',
    );
  });

  it('validates domains: localhost and DNS names with ports, no IPs or schemes', () => {
    const withDomain = (domain: string) =>
      [
        `${domain} wants you to sign in with your Ethereum account:`,
        ADDRESS,
        '',
        'URI: https://x.com',
        'Version: 1',
        'Issued At: 2025-01-01T00:00:00Z',
      ].join('\n');
    for (const domain of [
      'localhost',
      'localhost:5173',
      'app.example.com',
      'a-b.example.co:443',
      '  spaced.example.com  ',
    ]) {
      expect(parseSiweMessage(withDomain(domain)).domain).toBe(domain.trim());
    }
    for (const domain of [
      '127.0.0.1:3000',
      'https://example.com',
      'example',
      '-a.example.com',
      'example.com:123456',
      'exa_mple.com',
    ]) {
      expect(parseError(withDomain(domain)), domain).toBe('siwe: domain in first line of message is not valid');
    }
  });

  it('keeps the address as written and accepts any hex case', () => {
    const parsed = parseSiweMessage(message('URI: https://x.com', 'Version: 1', 'Issued At: 2025-01-01T00:00:00Z'));
    expect(parsed.address).toBe(ADDRESS);
    const upper = [
      'domain.com wants you to sign in with your Ethereum account:',
      ' 0xABCDEFABCDEFABCDEFABCDEFABCDEFABCDEFABCD ',
      '',
      'URI: https://x.com',
      'Version: 1',
      'Issued At: 2025-01-01T00:00:00Z',
    ].join('\n');
    expect(parseSiweMessage(upper).address).toBe('0xABCDEFABCDEFABCDEFABCDEFABCDEFABCDEFABCD');
  });

  it('reads every field, ignoring unknown keys, taking the last duplicate', () => {
    const parsed = parseSiweMessage(
      [
        'example.com wants you to sign in with your Ethereum account:',
        '0x196a28d05bA75C8dC35B0F6e71DD622D1aC82b7E',
        '',
        'Sign in to Example App ',
        '',
        'URI: https://example.com',
        'Version: 1',
        'Chain ID: 1',
        'Chain ID: +8453',
        'Nonce: 12345678',
        'Issued At: 2025-01-01T00:00:00.000Z',
        'Expiration Time: 2025-01-01T00:10:00Z',
        'Not Before: 2025-01-01T00:00:00Z',
        'Request ID: abc:def',
        'Custom Key: ignored',
        'Resources:',
        '- https://example.com/terms',
        '- ipfs://bafybeigdyrzt',
        '',
      ].join('\n'),
    );
    expect(parsed).toMatchObject({
      domain: 'example.com',
      statement: 'Sign in to Example App ',
      version: '1',
      chainId: '+8453',
      nonce: '12345678',
      requestId: 'abc:def',
    });
    expect(formatAuthUrl(parsed.uri)).toBe('https://example.com');
    expect(parsed.issuedAt.date.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(parsed.expirationTime?.date.toISOString()).toBe('2025-01-01T00:10:00.000Z');
    expect(parsed.notBefore?.date.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(parsed.resources.map(formatAuthUrl)).toEqual(['https://example.com/terms', 'ipfs://bafybeigdyrzt']);
  });

  it('has no statement unless line 3 is set and line 4 is empty', () => {
    const noStatement = parseSiweMessage(
      message('URI: https://x.com', 'Version: 1', 'Issued At: 2025-01-01T00:00:00Z'),
    );
    expect(noStatement.statement).toBeNull();
    expect(
      parseError(message('Statement', 'URI: https://x.com', 'Version: 1', 'Issued At: 2025-01-01T00:00:00Z')),
    ).toBe('siwe: encountered unparsable line at index 3');
  });

  it('splits on \\n only: a CR after the blank third line fails', () => {
    expect(
      parseError(
        [HEADER, ADDRESS, '\r', 'URI: https://x.com', 'Version: 1', 'Issued At: 2025-01-01T00:00:00Z'].join('\n'),
      ),
    ).toBe('siwe: third line must be empty');
    const crlf = parseSiweMessage(
      [
        HEADER,
        ADDRESS,
        '',
        'Statement\r',
        '',
        'URI: https://x.com\r',
        'Version: 1\r',
        'Issued At: 2025-01-01T00:00:00Z\r',
      ].join('\n'),
    );
    expect(crlf.statement).toBe('Statement\r');
    expect(crlf.version).toBe('1');
  });

  it('validates Chain ID as a positive 64-bit integer', () => {
    const withChain = (chain: string) =>
      message('URI: https://x.com', 'Version: 1', 'Issued At: 2025-01-01T00:00:00Z', `Chain ID: ${chain}`);
    expect(parseSiweMessage(withChain('137')).chainId).toBe('137');
    expect(parseSiweMessage(withChain('9223372036854775807')).chainId).toBe('9223372036854775807');
    for (const chain of ['0', '-1', '1.5', '0x1', '9223372036854775808', '']) {
      expect(parseError(withChain(chain)), chain).toBe('siwe: Chain ID is not valid');
    }
  });
});
