/**
 * What PostgREST v14 refuses or accepts where the stack used to be lenient or strict in its own way
 * (issue 12 scope 5; sources: `QueryParams.hs`, `Payload.hs`, `Plan.hs`, `Preferences.hs`, `Error.hs`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestTestStack, testBackends, type RestTestStack } from '../../../test/support/local/restTestStack.ts';
import type { LocalResponse } from '../http/types.ts';

const json = (response: LocalResponse): unknown => JSON.parse(String(response.body));

describe.each(testBackends(process.env.DATABASE_URL))('PostgREST strictness on $kind', (backend) => {
  let stack: RestTestStack;
  const post = (path: string, body: string, headers: Record<string, string> = {}, query?: string) =>
    stack.call({ method: 'POST', path, body, headers, ...(query === undefined ? {} : { query }) });

  beforeAll(async () => {
    stack = await startRestTestStack(backend);
  });
  afterAll(async () => stack?.close());

  describe('query parameters without an operator', () => {
    it('are 400 PGRST100 on a table and on a POST RPC', async () => {
      const table = await stack.call({ path: '/items', query: 'select=id&_=123' });
      expect(table.status).toBe(400);
      expect(json(table)).toMatchObject({
        code: 'PGRST100',
        message: '"failed to parse filter (123)" (line 1, column 1)',
      });
      const rpc = await post('/rpc/add_numbers', '{"a": 1}', {}, 'foo=bar');
      expect(rpc.status).toBe(400);
      expect(json(rpc)).toMatchObject({
        code: 'PGRST100',
        message: '"failed to parse filter (bar)" (line 1, column 1)',
      });
    });

    it('stay arguments of a GET RPC', async () => {
      const response = await stack.call({ path: '/rpc/add_numbers', query: 'a=1&b=2' });
      expect(response.status).toBe(200);
      expect(response.body).toBe('3');
    });
  });

  describe('bodies', () => {
    it('a body of white space only is 400 PGRST102, an empty RPC body is {}', async () => {
      for (const path of ['/rpc/add_numbers', '/items']) {
        const response = await post(path, '  \n');
        expect(response.status, path).toBe(400);
        expect(json(response), path).toEqual({
          code: 'PGRST102',
          message: 'Empty or invalid json',
          details: null,
          hint: null,
        });
      }
      expect((await post('/rpc/nullable_default', '')).body).toBe('5');
    });

    it('an array whose objects differ in keys is 400 "All object keys must match", on an RPC too', async () => {
      for (const path of ['/rpc/add_numbers', '/items']) {
        const response = await post(path, '[{"a": 1}, {"b": 2}]');
        expect(response.status, path).toBe(400);
        expect(json(response), path).toMatchObject({ code: 'PGRST102', message: 'All object keys must match' });
      }
      // with ?columns= PostgREST passes the body on unchecked
      const columns = await post('/rpc/add_numbers', '[{"a": 1}, {"b": 2}]', {}, 'columns=a');
      expect(columns.body).toBe('11');
    });
  });

  describe('content types (never 415)', () => {
    it('text/plain calls the RPC with one unnamed text parameter, else 404 PGRST202', async () => {
      const shout = await post('/rpc/shout_text', 'hello', { 'content-type': 'text/plain' });
      expect(shout.status).toBe(200);
      expect(json(shout)).toBe('HELLO');
      const none = await post('/rpc/add_numbers', 'a=1', { 'content-type': 'text/plain; charset=utf-8' });
      expect(none.status).toBe(404);
      expect(json(none)).toEqual({
        code: 'PGRST202',
        message: 'Could not find the function public.add_numbers in the schema cache',
        details:
          'Searched for the function public.add_numbers with a single unnamed text parameter, but no matches were found in the schema cache.',
        hint: null,
      });
    });

    it('application/octet-stream calls the RPC with one unnamed bytea parameter, else 404 PGRST202', async () => {
      const bytes = Buffer.from([0, 1, 2, 127, 10]);
      const count = await stack.call({
        method: 'POST',
        path: '/rpc/byte_count',
        body: bytes.toString('latin1'),
        headers: { 'content-type': 'application/octet-stream' },
      });
      expect(count.status).toBe(200);
      expect(count.body).toBe('5');
      const none = await post('/rpc/add_numbers', 'x', { 'content-type': 'application/octet-stream' });
      expect(none.status).toBe(404);
      expect(json(none)).toMatchObject({
        code: 'PGRST202',
        details:
          'Searched for the function public.add_numbers with a single unnamed bytea parameter, but no matches were found in the schema cache.',
      });
    });

    it('form fields are text arguments of an RPC and a JSON object of strings for a table', async () => {
      const form = { 'content-type': 'application/x-www-form-urlencoded' };
      const sum = await post('/rpc/add_numbers', 'a=1&b=2', form);
      expect(sum.status).toBe(200);
      expect(sum.body).toBe('3');
      const insert = await post('/items', 'id=90&name=Form+Fig&qty=4', { ...form, prefer: 'return=representation' });
      expect(insert.status).toBe(201);
      expect(json(insert)).toMatchObject([{ id: 90, name: 'Form Fig', qty: 4 }]);
    });

    it('anything else is 400 PGRST102 "Content-Type not acceptable"', async () => {
      const cases: [string, string, string][] = [
        ['/items', 'text/plain', 'text/plain'],
        ['/items', 'application/xml', 'application/xml'],
        ['/items', 'application/octet-stream', 'application/octet-stream'],
        ['/rpc/add_numbers', 'Image/PNG', 'Image/PNG'],
      ];
      for (const [path, contentType, named] of cases) {
        const response = await post(path, '{"a": 1}', { 'content-type': contentType });
        expect(response.status, contentType).toBe(400);
        expect(json(response), contentType).toEqual({
          code: 'PGRST102',
          message: `Content-Type not acceptable: ${named}`,
          details: null,
          hint: null,
        });
      }
    });
  });

  describe('Prefer', () => {
    it('accepts tx=rollback (not applied: Supabase allows no override) even with handling=strict', async () => {
      const response = await post('/rpc/add_numbers', '{"a": 1}', { prefer: 'handling=strict, tx=rollback' });
      expect(response.status).toBe(200);
      expect(response.headers?.['preference-applied']).toBe('handling=strict');
    });

    it('sets a valid timezone= for the transaction; an unknown zone is PostgreSQL’s 400', async () => {
      const zone = await stack.call({
        path: '/rpc/session_timezone',
        headers: { prefer: 'timezone=America/Los_Angeles' },
      });
      expect(zone.status).toBe(200);
      expect(json(zone)).toBe('America/Los_Angeles');
      expect(zone.headers?.['preference-applied']).toBe('timezone=America/Los_Angeles');
      const unknown = await stack.call({ path: '/rpc/session_timezone', headers: { prefer: 'timezone=Mars/Olympus' } });
      expect(unknown.status).toBe(400);
      expect(json(unknown)).toMatchObject({ code: '22023' });
    });
  });
});
