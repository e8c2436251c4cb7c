import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalResponse } from '../http/types.ts';
import { startRestTestStack, testBackends, type RestTestStack } from '../../../test/support/local/restTestStack.ts';

const ALICE = '11111111-1111-1111-1111-111111111111';
const FAR_FUTURE = 4102444800; // 2100-01-01

const json = (response: LocalResponse): unknown => JSON.parse(String(response.body));

describe.each(testBackends(process.env.DATABASE_URL))('RPC on $kind', (backend) => {
  let stack: RestTestStack;
  let alice: Record<string, string>;
  const rpc = (name: string, body?: unknown, headers: Record<string, string> = {}, query?: string) =>
    stack.call({
      method: 'POST',
      path: `/rpc/${name}`,
      body: body ?? {},
      headers,
      ...(query === undefined ? {} : { query }),
    });

  beforeAll(async () => {
    stack = await startRestTestStack(backend);
    alice = {
      authorization: `Bearer ${await stack.jwt.sign({ sub: ALICE, role: 'authenticated', aud: 'authenticated', exp: FAR_FUTURE })}`,
    };
  });
  afterAll(async () => stack?.close());

  it('passes named arguments and lets omitted ones take their DEFAULT', async () => {
    const omitted = await rpc('add_numbers', { a: 1 });
    expect(omitted.status).toBe(200);
    expect(omitted.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'content-range': '0-0/*',
    });
    expect(omitted.body).toBe('11');
    expect((await rpc('add_numbers', { b: 2, a: 1 })).body).toBe('3');
  });

  it('passes VARIADIC parameters from a JSON array or repeated GET parameters', async () => {
    expect((await rpc('sum_all', { nums: [1, 2, 3] })).body).toBe('6');
    expect((await stack.call({ path: '/rpc/sum_all', query: 'nums=4&nums=5' })).body).toBe('9');
  });

  it('uses only the first element of an array body', async () => {
    expect(
      (
        await rpc('add_numbers', [
          { a: 1, b: 1 },
          { a: 100, b: 100 },
        ])
      ).body,
    ).toBe('2');
  });

  it('passes an explicit JSON null as NULL, not the default', async () => {
    expect((await rpc('nullable_default', { a: null })).body).toBe('null');
    expect((await rpc('nullable_default', {})).body).toBe('5');
  });

  it('returns json/jsonb values as they are, numbers with every digit', async () => {
    const response = await rpc('echo_jsonb', '{"p": {"amount": 100.000000000000000001, "list": [1, "x", null]}}');
    expect(response.status).toBe(200);
    expect(response.body).toBe('{"list": [1, "x", null], "amount": 100.000000000000000001}');
  });

  it('answers a void function with 204 and no body', async () => {
    const response = await rpc('do_nothing');
    expect(response.status).toBe(204);
    expect(response.body).toBeUndefined();
    expect(response.headers?.['content-type']).toBeUndefined();
  });

  it('serialises setof scalar as an array, with limit applied', async () => {
    expect(json(await rpc('count_up', { n: 3 }))).toEqual([1, 2, 3]);
    const limited = await rpc('count_up', { n: 3 }, {}, 'limit=2');
    expect(json(limited)).toEqual([1, 2]);
    expect(limited.headers?.['content-range']).toBe('0-1/*');
  });

  it('serialises a single composite as an object', async () => {
    const response = await rpc('tier_by_id', { p_id: 'gold' });
    expect(response.body).toBe(
      '{"id":"gold","name":"Gold","price":100.000000000000000000,"sort_order":3,"meta":{"tags": ["shiny"], "color": "yellow", "weight": 3}}',
    );
  });

  it('serialises setof composite with select, filters, order and limit', async () => {
    const response = await rpc(
      'tiers_cheaper_than',
      { p_max: 1000 },
      { prefer: 'count=exact' },
      'select=id,cost:price::text&price=gt.1&order=sort_order.desc&limit=2',
    );
    expect(response.status).toBe(206);
    expect(response.headers).toMatchObject({ 'content-range': '0-1/3', 'preference-applied': 'count=exact' });
    expect(json(response)).toEqual([
      { id: 'gold', cost: '100.000000000000000000' },
      { id: 'silver', cost: '25.500000000000000000' },
    ]);
    expect(json(await rpc('tiers_cheaper_than', { p_max: 0 }))).toEqual([]);
  });

  it('serialises RETURNS TABLE as an array of objects and numeric scalars exactly', async () => {
    expect(json(await rpc('tier_summary'))).toEqual([
      { id: 'bronze', doubled: 10 },
      { id: 'silver', doubled: 51 },
      { id: 'gold', doubled: 200 },
    ]);
    expect((await rpc('tier_price', { p_id: 'gold' })).body).toBe('100.000000000000000000');
  });

  it('passes the whole body to a single unnamed json parameter', async () => {
    expect((await rpc('json_body', '{"anything": [1, 2.50]}')).body).toBe('{"anything": [1, 2.50]}');
  });

  it('answers an unknown argument with PGRST202 and the exact texts', async () => {
    const response = await rpc('add_numbers', { a: 1, c: 2 });
    expect(response.status).toBe(404);
    expect(response.headers?.['proxy-status']).toBe('PostgREST; error=PGRST202');
    expect(json(response)).toEqual({
      code: 'PGRST202',
      message: 'Could not find the function public.add_numbers(a, c) in the schema cache',
      details:
        'Searched for the function public.add_numbers with parameters a, c or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
      hint: 'Perhaps you meant to call the function public.add_numbers(a, b)',
    });
  });

  it('answers an unknown function with PGRST202, hinting a close name', async () => {
    expect(json(await rpc('add_number', {}))).toEqual({
      code: 'PGRST202',
      message: 'Could not find the function public.add_number without parameters in the schema cache',
      details:
        'Searched for the function public.add_number without parameters or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
      hint: 'Perhaps you meant to call the function public.add_numbers',
    });
    const get = await stack.call({ path: '/rpc/nothing_like_it', query: 'x=1' });
    expect(json(get)).toMatchObject({
      message: 'Could not find the function public.nothing_like_it(x) in the schema cache',
      details:
        'Searched for the function public.nothing_like_it with parameter x, but no matches were found in the schema cache.',
      hint: null,
    });
  });

  it('answers ambiguous overloads with 300 PGRST203', async () => {
    const response = await rpc('pick', { x: 1 });
    expect(response.status).toBe(300);
    expect(json(response)).toEqual({
      code: 'PGRST203',
      message:
        'Could not choose the best candidate function between: public.pick(x => integer), public.pick(x => text)',
      details: null,
      hint: 'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
    });
  });

  it('calls GET /rpc/fn with text arguments cast to the parameter types, read-only', async () => {
    expect((await stack.call({ path: '/rpc/add_numbers', query: 'a=2&b=3' })).body).toBe('5');
    expect((await stack.call({ path: '/rpc/tx_read_only' })).body).toBe('"on"');
    const write = await stack.call({ path: '/rpc/add_item', query: 'p_id=900&p_name=nope' });
    expect(write.status).toBe(405);
    expect(json(write)).toMatchObject({ code: '25006' });
  });

  it('runs POST read-only for STABLE functions and read-write for VOLATILE ones', async () => {
    expect((json(await rpc('request_info')) as Record<string, unknown>).read_only).toBe('on');
    expect((await rpc('tx_read_only')).body).toBe('"off"');
  });

  it('answers HEAD with headers only', async () => {
    const response = await stack.call({
      method: 'HEAD',
      path: '/rpc/count_up',
      query: 'n=4',
      headers: { prefer: 'count=exact' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toBeUndefined();
    expect(response.headers?.['content-range']).toBe('0-3/4');
  });

  it('exposes role, claims and request details to SQL', async () => {
    const anon = json(await rpc('request_info', {}, { 'x-test': 'hello', cookie: 'a=1; b=two' })) as Record<
      string,
      unknown
    >;
    expect(anon).toMatchObject({
      role: 'anon',
      uid: null,
      claims: { role: 'anon' },
      method: 'POST',
      path: '/rpc/request_info',
      x_test: 'hello',
      cookies: { a: '1', b: 'two' },
      search_path: '"public", "extensions"',
    });
    const user = json(await rpc('request_info', {}, alice)) as Record<string, unknown>;
    expect(user).toMatchObject({
      role: 'authenticated',
      uid: ALICE,
      claims: { sub: ALICE, role: 'authenticated', aud: 'authenticated' },
    });
  });

  it('answers a missing EXECUTE grant with 401 for anon and 403 for a signed-in user', async () => {
    const anon = await rpc('members_only');
    expect(anon.status).toBe(401);
    expect(anon.headers?.['www-authenticate']).toBe('Bearer');
    expect(json(anon)).toEqual({
      code: '42501',
      message: 'permission denied for function members_only',
      details: null,
      hint: null,
    });
    expect((await rpc('members_only', {}, alice)).body).toBe('"welcome"');
    const service = await rpc('members_only', {}, { authorization: `Bearer ${stack.keys.serviceRoleKey}` });
    expect(service.status).toBe(403);
  });

  it('runs SECURITY DEFINER functions with the owner privileges', async () => {
    expect((await rpc('count_admin')).body).toBe('1');
  });

  it('maps RAISE EXCEPTION to 400 P0001 and PTnnn to its status', async () => {
    const raised = await rpc('fail_with', { msg: 'Insufficient FLUX balance' });
    expect(raised.status).toBe(400);
    expect(json(raised)).toEqual({ code: 'P0001', message: 'Insufficient FLUX balance', details: null, hint: null });
    const payment = await rpc('fail_payment');
    expect(payment.status).toBe(402);
    expect(json(payment)).toMatchObject({ code: 'PT402', message: 'payment required' });
  });

  it('writes through a VOLATILE security-definer RPC and keeps numeric precision', async () => {
    const first = await rpc('credit_wallet', { p_wallet_address: '0xrpc', p_amount: '1.000000000000000001' }, alice);
    expect(first.status).toBe(200);
    const second = await rpc('credit_wallet', { p_wallet_address: '0xrpc', p_amount: 2, p_note: 'top-up' }, alice);
    expect(second.body).toBe('{"note": "top-up", "balance": 3.000000000000000001, "wallet_address": "0xrpc"}');
    const refused = await rpc('credit_wallet', { p_wallet_address: '0xrpc', p_amount: 0 }, alice);
    expect(json(refused)).toMatchObject({ code: 'P0001', message: 'amount must be positive' });
  });

  it('answers a bad argument value with 400 22P02', async () => {
    const response = await rpc('add_numbers', { a: 'not a number' });
    expect(response.status).toBe(400);
    expect(json(response)).toMatchObject({ code: '22P02' });
  });

  it('refuses other methods with 405 PGRST101', async () => {
    const response = await stack.call({ method: 'PATCH', path: '/rpc/add_numbers', body: { a: 1 } });
    expect(response.status).toBe(405);
    expect(json(response)).toEqual({
      code: 'PGRST101',
      message: 'Cannot use the PATCH method on RPC',
      details: null,
      hint: null,
    });
  });

  it('answers application/vnd.pgrst.object+json with 406 PGRST116 unless exactly one row', async () => {
    const single = { accept: 'application/vnd.pgrst.object+json' };
    const many = await rpc('count_up', { n: 2 }, single);
    expect(many.status).toBe(406);
    expect(json(many)).toEqual({
      code: 'PGRST116',
      message: 'Cannot coerce the result to a single JSON object',
      details: 'The result contains 2 rows',
      hint: null,
    });
    const one = await rpc('tiers_cheaper_than', { p_max: 6 }, single);
    expect(one.headers?.['content-type']).toBe('application/vnd.pgrst.object+json; charset=utf-8');
    expect(json(one)).toMatchObject({ id: 'bronze' });
    expect((await rpc('add_numbers', { a: 1 }, single)).body).toBe('11');
  });

  it('answers an invalid JSON body with 400 PGRST102', async () => {
    const response = await rpc('add_numbers', '{"a": 1');
    expect(response.status).toBe(400);
    expect(json(response)).toEqual({ code: 'PGRST102', message: 'Empty or invalid json', details: null, hint: null });
  });
});
