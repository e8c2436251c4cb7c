import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalResponse } from '../http/types.ts';
import { startRestTestStack, testBackends, type RestTestStack } from '../../../test/support/local/restTestStack.ts';

const ALICE = '11111111-1111-1111-1111-111111111111';
const BOB = '22222222-2222-2222-2222-222222222222';
const FAR_FUTURE = 4102444800; // 2100-01-01

const json = (response: LocalResponse): unknown => JSON.parse(String(response.body));
const ids = (response: LocalResponse) => (json(response) as { id: unknown }[]).map((row) => row.id);

describe.each(testBackends(process.env.DATABASE_URL))('tables on $kind', (backend) => {
  let stack: RestTestStack;
  let alice: Record<string, string>;
  let service: Record<string, string>;
  const get = (path: string, query = '', headers: Record<string, string> = {}) => stack.call({ path, query, headers });

  beforeAll(async () => {
    stack = await startRestTestStack(backend);
    alice = { authorization: `Bearer ${await stack.jwt.sign({ sub: ALICE, role: 'authenticated', exp: FAR_FUTURE })}` };
    service = { authorization: `Bearer ${stack.keys.serviceRoleKey}` };
  });
  afterAll(async () => stack?.close());

  describe('GET', () => {
    it('selects columns in order with exact numeric text and Content-Range', async () => {
      const response = await get('/box_tiers', 'select=id,price&order=sort_order.asc');
      expect(response.status).toBe(200);
      expect(response.headers).toMatchObject({
        'content-type': 'application/json; charset=utf-8',
        'content-range': '0-2/*',
      });
      expect(response.body).toBe(
        '[{"id":"bronze","price":5.000000000000000000}, \n {"id":"silver","price":25.500000000000000000}, \n {"id":"gold","price":100.000000000000000000}]',
      );
    });

    it('supports aliases, casts and JSON paths in select', async () => {
      const response = await get(
        '/box_tiers',
        'select=tier:id,price::text,color:meta->>color,meta->weight,first_tag:meta->tags->0&id=eq.gold',
      );
      expect(json(response)).toEqual([
        { tier: 'gold', price: '100.000000000000000000', color: 'yellow', weight: 3, first_tag: 'shiny' },
      ]);
    });

    it.each([
      ['id=eq.3', [3]],
      ['id=neq.3', [1, 2, 4, 5]],
      ['qty=gt.5', [2, 3]],
      ['qty=gte.5', [1, 2, 3]],
      ['qty=lt.5', [4, 5]],
      ['qty=lte.5', [1, 4, 5]],
      ['name=like.*an*', [2, 5]],
      ['name=like.date%2Astar', [4]],
      ['name=ilike.E*', [5]],
      ['id=in.(1,3,99)', [1, 3]],
      ['id=not.in.(1,3)', [2, 4, 5]],
      ['category=is.null', [4]],
      ['category=not.is.null', [1, 2, 3, 5]],
      ['name=not.eq.apple', [2, 3, 4, 5]],
      ['name=match.^[ab]', [1, 2]],
      ['tags=cs.{red}', [1]],
      ['tags=ov.{yellow,orange}', [2, 3]],
      ['data->origin->>country=eq.NZ', [1, 3]],
      ['data->>grade=in.(A,C)', [1, 3, 5]],
      ['or=(qty.gt.10,category.is.null)', [2, 4]],
      ['or=(id.eq.1,and(category.eq.vegetable,qty.lt.5))', [1, 5]],
      ['not.or=(category.eq.fruit,category.is.null)', [3, 5]],
      ['category=eq.fruit&qty=gt.5', [2]],
      ['qty=gt(any).{10,100}', [2]],
    ])('filters %s', async (query, expected) => {
      expect(ids(await get('/items', `select=id&order=id&${query}`))).toEqual(expected);
    });

    it('orders by several terms with direction and null placement', async () => {
      expect(ids(await get('/items', 'select=id&order=category.desc.nullslast,qty.asc'))).toEqual([5, 3, 1, 2, 4]);
      expect(ids(await get('/items', 'select=id&order=category.asc.nullsfirst,id.desc'))).toEqual([4, 2, 1, 5, 3]);
    });

    it('pages with limit/offset and reports an exact count with 206', async () => {
      const counted = await get('/items', 'select=id&order=id&limit=2&offset=1', { prefer: 'count=exact' });
      expect(counted.status).toBe(206);
      expect(counted.headers).toMatchObject({ 'content-range': '1-2/5', 'preference-applied': 'count=exact' });
      expect(ids(counted)).toEqual([2, 3]);
      const uncounted = await get('/items', 'select=id&order=id&limit=2&offset=1');
      expect(uncounted.status).toBe(200);
      expect(uncounted.headers?.['content-range']).toBe('1-2/*');
      const all = await get('/items', 'select=id', { prefer: 'count=exact' });
      expect(all.status).toBe(200);
      expect(all.headers?.['content-range']).toBe('0-4/5');
    });

    it('reports empty results as */* (or */0 when counted) and offsets past the end as 416', async () => {
      const empty = await get('/items', 'id=eq.999');
      expect(empty.body).toBe('[]');
      expect(empty.headers?.['content-range']).toBe('*/*');
      expect((await get('/items', 'id=eq.999', { prefer: 'count=exact' })).headers?.['content-range']).toBe('*/0');
      const beyond = await get('/items', 'offset=10', { prefer: 'count=exact' });
      expect(beyond.status).toBe(416);
      expect(json(beyond)).toMatchObject({
        code: 'PGRST103',
        details: 'An offset of 10 was requested, but there are only 5 rows.',
      });
    });

    it('narrows the page with a Range header', async () => {
      const response = await get('/items', 'select=id&order=id&offset=1', { range: '0-2', prefer: 'count=exact' });
      expect(response.status).toBe(206);
      expect(response.headers?.['content-range']).toBe('1-2/5');
      expect(ids(response)).toEqual([2, 3]);
      expect(json(await get('/items', '', { range: '3-1' }))).toMatchObject({ code: 'PGRST103' });
    });

    it('reads views', async () => {
      expect(ids(await get('/cheap_tiers', 'order=price.desc'))).toEqual(['silver', 'bronze']);
    });

    it('answers HEAD with headers only', async () => {
      const response = await stack.call({ method: 'HEAD', path: '/items', headers: { prefer: 'count=exact' } });
      expect(response.status).toBe(200);
      expect(response.body).toBeUndefined();
      expect(response.headers?.['content-range']).toBe('0-4/5');
    });

    it('answers application/vnd.pgrst.object+json with one object or 406 PGRST116', async () => {
      const single = { accept: 'application/vnd.pgrst.object+json' };
      const one = await get('/items', 'select=id,name&id=eq.1', single);
      expect(one.headers?.['content-type']).toBe('application/vnd.pgrst.object+json; charset=utf-8');
      expect(json(one)).toEqual({ id: 1, name: 'apple' });
      const none = await get('/items', 'id=eq.999', single);
      expect(none.status).toBe(406);
      expect(json(none)).toEqual({
        code: 'PGRST116',
        message: 'Cannot coerce the result to a single JSON object',
        details: 'The result contains 0 rows',
        hint: null,
      });
      expect(json(await get('/items', 'category=eq.fruit', single))).toMatchObject({
        details: 'The result contains 2 rows',
      });
    });

    it('answers unknown tables with 404 PGRST205 and unknown columns with 400 42703', async () => {
      const table = await get('/box_tier');
      expect(table.status).toBe(404);
      expect(json(table)).toEqual({
        code: 'PGRST205',
        message: "Could not find the table 'public.box_tier' in the schema cache",
        details: null,
        hint: "Perhaps you meant the table 'public.box_tiers'",
      });
      for (const query of ['select=id,nope', 'nope=eq.1', 'order=nope', 'or=(id.eq.1,nope.eq.2)']) {
        const response = await get('/items', query);
        expect(response.status).toBe(400);
        expect(json(response)).toEqual({
          code: '42703',
          message: 'column items.nope does not exist',
          details: null,
          hint: null,
        });
      }
    });

    it('answers unknown operators with 400 PGRST100', async () => {
      const response = await get('/items', 'id=equals.1');
      expect(response.status).toBe(400);
      expect(json(response)).toMatchObject({
        code: 'PGRST100',
        message: '"failed to parse filter (equals.1)" (line 1, column 1)',
      });
      expect(json(await get('/items', 'id=5'))).toMatchObject({ code: 'PGRST100' });
      // a parameter without an operator fails to parse even when it names no column (a cache buster)
      const buster = await get('/items', 'select=id&order=id&_=123&id=lt.3');
      expect(buster.status).toBe(400);
      expect(json(buster)).toMatchObject({
        code: 'PGRST100',
        message: '"failed to parse filter (123)" (line 1, column 1)',
      });
    });

    it('maps a type error in a filter value to 400 22P02', async () => {
      expect(json(await get('/items', 'id=eq.abc'))).toMatchObject({ code: '22P02' });
    });

    it('caps rows at maxRows', async () => {
      const capped = await startRestTestStack(backend, { maxRows: 2 });
      try {
        const response = await capped.call({
          path: '/items',
          query: 'select=id&order=id',
          headers: { prefer: 'count=exact' },
        });
        expect(response.status).toBe(206);
        expect(response.headers?.['content-range']).toBe('0-1/5');
        expect(ids(response)).toEqual([1, 2]);
      } finally {
        await capped.close();
      }
    });

    it('refuses schemas that are not exposed and media types it cannot produce', async () => {
      const schema = await get('/items', '', { 'accept-profile': 'auth' });
      expect(schema.status).toBe(406);
      expect(json(schema)).toEqual({
        code: 'PGRST106',
        message: 'Invalid schema: auth',
        details: null,
        hint: 'Only the following schemas are exposed: public',
      });
      const media = await get('/items', '', { accept: 'text/csv' });
      expect(media.status).toBe(406);
      expect(json(media)).toMatchObject({
        code: 'PGRST107',
        message: 'None of these media types are available: text/csv',
      });
      expect(
        (await get('/items', 'select=id&id=eq.1', { 'accept-profile': 'public' })).headers?.['content-profile'],
      ).toBe('public');
    });
  });

  describe('RLS', () => {
    it('shows anon nothing and a user only their own rows', async () => {
      expect(json(await get('/notes'))).toEqual([]);
      const mine = await get('/notes', 'select=body,owner&order=id', alice);
      expect(json(mine)).toEqual([
        { body: 'alice first', owner: ALICE },
        { body: 'alice second', owner: ALICE },
      ]);
    });

    it('refuses inserts that violate a policy: 401 for anon, 403 for a user', async () => {
      const anon = await stack.call({ method: 'POST', path: '/notes', body: { body: 'sneaky' } });
      expect(anon.status).toBe(401);
      expect(json(anon)).toMatchObject({
        code: '42501',
        message: 'new row violates row-level security policy for table "notes"',
      });
      const forged = await stack.call({
        method: 'POST',
        path: '/notes',
        body: { body: 'as bob', owner: BOB },
        headers: alice,
      });
      expect(forged.status).toBe(403);
      const own = await stack.call({
        method: 'POST',
        path: '/notes',
        body: { body: 'alice third' },
        headers: { ...alice, prefer: 'return=representation' },
        query: 'select=body,owner',
      });
      expect(own.status).toBe(201);
      expect(json(own)).toEqual([{ body: 'alice third', owner: ALICE }]);
    });

    it('updates and deletes only rows the policies let the user see', async () => {
      const update = await stack.call({
        method: 'PATCH',
        path: '/notes',
        query: 'tag=eq.a',
        body: { tag: 'z' },
        headers: { ...alice, prefer: 'return=representation' },
      });
      expect(json(update)).toEqual([expect.objectContaining({ body: 'alice first', tag: 'z' })]);
      const remove = await stack.call({
        method: 'DELETE',
        path: '/notes',
        query: 'body=eq.bob only',
        headers: { ...alice, prefer: 'return=representation' },
      });
      expect(json(remove)).toEqual([]);
    });

    it('inserts without reading back when the role has no SELECT policy', async () => {
      const minimal = await stack.call({ method: 'POST', path: '/feedback', body: { message: 'great game' } });
      expect(minimal.status).toBe(201);
      const representation = await stack.call({
        method: 'POST',
        path: '/feedback',
        body: { message: 'again' },
        headers: { prefer: 'return=representation' },
      });
      expect(representation.status).toBe(401);
      expect(json(representation)).toMatchObject({ code: '42501' });
    });

    it('denies tables without privileges: 401 for anon, 403 for a user', async () => {
      expect((await get('/admin_only')).status).toBe(401);
      const user = await get('/admin_only', '', alice);
      expect(user.status).toBe(403);
      expect(json(user)).toEqual({
        code: '42501',
        message: 'permission denied for table admin_only',
        details: null,
        hint: null,
      });
    });
  });

  describe('POST', () => {
    it('inserts with return=minimal: 201, empty body, Content-Range */*', async () => {
      const response = await stack.call({ method: 'POST', path: '/items', body: { id: 100, name: 'fig' } });
      expect(response.status).toBe(201);
      expect(response.body).toBeUndefined();
      expect(response.headers).toEqual({ 'content-range': '*/*' });
      expect(json(await get('/items', 'id=eq.100&select=name,qty'))).toEqual([{ name: 'fig', qty: 1 }]);
    });

    it('inserts arrays with return=representation and select', async () => {
      const response = await stack.call({
        method: 'POST',
        path: '/items',
        query: 'select=id,name',
        body: [
          { id: 101, name: 'grape' },
          { id: 102, name: 'kiwi' },
        ],
        headers: { prefer: 'return=representation,count=exact' },
      });
      expect(response.status).toBe(201);
      expect(response.headers).toMatchObject({
        'content-range': '*/2',
        'preference-applied': 'return=representation, count=exact',
      });
      expect(json(response)).toEqual([
        { id: 101, name: 'grape' },
        { id: 102, name: 'kiwi' },
      ]);
    });

    it('refuses bulk bodies with differing keys unless ?columns= names them', async () => {
      const rows = [
        { id: 103, name: 'lime', qty: 4 },
        { id: 104, name: 'mango' },
      ];
      const refused = await stack.call({ method: 'POST', path: '/items', body: rows });
      expect(refused.status).toBe(400);
      expect(json(refused)).toEqual({
        code: 'PGRST102',
        message: 'All object keys must match',
        details: null,
        hint: null,
      });
      const nulls = await stack.call({
        method: 'POST',
        path: '/items',
        query: 'columns="id","name","category"',
        body: rows,
        headers: { prefer: 'return=representation' },
      });
      expect(nulls.status).toBe(201);
      expect((json(nulls) as { category: unknown }[]).map((row) => row.category)).toEqual([null, null]);
    });

    it('fills missing keys from column defaults with missing=default', async () => {
      const response = await stack.call({
        method: 'POST',
        path: '/items',
        query: 'columns=id,name,qty&select=id,qty',
        body: [
          { id: 105, name: 'nut', qty: 9 },
          { id: 106, name: 'olive' },
        ],
        headers: { prefer: 'return=representation, missing=default' },
      });
      expect(response.headers?.['preference-applied']).toBe('missing=default, return=representation');
      expect(json(response)).toEqual([
        { id: 105, qty: 9 },
        { id: 106, qty: 1 },
      ]);
    });

    it('answers unknown payload columns with PGRST204 and bad JSON with PGRST102', async () => {
      const column = await stack.call({ method: 'POST', path: '/items', body: { id: 107, colour: 'red' } });
      expect(column.status).toBe(400);
      expect(json(column)).toEqual({
        code: 'PGRST204',
        message: "Could not find the 'colour' column of 'items' in the schema cache",
        details: null,
        hint: null,
      });
      expect(json(await stack.call({ method: 'POST', path: '/items', body: '{"id": ' }))).toMatchObject({
        code: 'PGRST102',
        message: 'Empty or invalid json',
      });
      expect(json(await stack.call({ method: 'POST', path: '/items', body: '42' }))).toMatchObject({
        code: 'PGRST102',
      });
    });

    it('answers a unique violation with 409 and the database texts', async () => {
      await stack.call({ method: 'POST', path: '/wallets', body: { wallet_address: '0xdup' }, headers: service });
      const duplicate = await stack.call({
        method: 'POST',
        path: '/wallets',
        body: { wallet_address: '0xdup' },
        headers: service,
      });
      expect(duplicate.status).toBe(409);
      expect(json(duplicate)).toEqual({
        code: '23505',
        message: 'duplicate key value violates unique constraint "wallets_pkey"',
        details: 'Key (wallet_address)=(0xdup) already exists.',
        hint: null,
      });
    });

    it('upserts with merge-duplicates: 201 when a row is new, 200 when every row was updated', async () => {
      const prefer = { ...service, prefer: 'resolution=merge-duplicates,return=minimal' };
      const created = await stack.call({
        method: 'POST',
        path: '/wallets',
        query: 'on_conflict=wallet_address',
        body: [
          { wallet_address: '0xa1', balance: 1 },
          { wallet_address: '0xa2', balance: 2 },
        ],
        headers: prefer,
      });
      expect(created.status).toBe(201);
      expect(created.headers?.['preference-applied']).toBe('resolution=merge-duplicates, return=minimal');
      const mixed = await stack.call({
        method: 'POST',
        path: '/wallets',
        body: [
          { wallet_address: '0xa2', balance: 20 },
          { wallet_address: '0xa3', balance: 3 },
        ],
        headers: prefer,
      });
      expect(mixed.status).toBe(201);
      const updated = await stack.call({
        method: 'POST',
        path: '/wallets',
        body: [
          { wallet_address: '0xa1', balance: 10 },
          { wallet_address: '0xa3', balance: 30 },
        ],
        headers: prefer,
      });
      expect(updated.status).toBe(200);
      const balances = await get(
        '/wallets',
        'select=wallet_address,balance::text&wallet_address=like.0xa*&order=wallet_address',
        service,
      );
      expect(json(balances)).toEqual([
        { wallet_address: '0xa1', balance: '10.000000000000000000' },
        { wallet_address: '0xa2', balance: '20.000000000000000000' },
        { wallet_address: '0xa3', balance: '30.000000000000000000' },
      ]);
    });

    it('upserts with ignore-duplicates: existing rows stay, status 201', async () => {
      await stack.call({
        method: 'POST',
        path: '/wallets',
        body: { wallet_address: '0xi1', label: 'keep' },
        headers: service,
      });
      const response = await stack.call({
        method: 'POST',
        path: '/wallets',
        body: { wallet_address: '0xi1', label: 'replace' },
        headers: { ...service, prefer: 'resolution=ignore-duplicates,return=representation' },
      });
      expect(response.status).toBe(201);
      expect(json(response)).toEqual([]);
      expect(json(await get('/wallets', 'select=label&wallet_address=eq.0xi1', service))).toEqual([{ label: 'keep' }]);
    });

    it('upserts on another unique index, and answers a non-unique on_conflict with 400 42P10', async () => {
      const prefer = { ...service, prefer: 'resolution=merge-duplicates,return=representation' };
      await stack.call({
        method: 'POST',
        path: '/wallets',
        body: { wallet_address: '0xl1', label: 'lbl' },
        headers: service,
      });
      const byLabel = await stack.call({
        method: 'POST',
        path: '/wallets',
        query: 'on_conflict=label&select=wallet_address,status',
        body: { wallet_address: '0xl1', label: 'lbl', status: 'retired' },
        headers: prefer,
      });
      expect(byLabel.status).toBe(200);
      expect(json(byLabel)).toEqual([{ wallet_address: '0xl1', status: 'retired' }]);
      const noIndex = await stack.call({
        method: 'POST',
        path: '/wallets',
        query: 'on_conflict=status',
        body: { wallet_address: '0xl2' },
        headers: prefer,
      });
      expect(noIndex.status).toBe(400);
      expect(json(noIndex)).toMatchObject({
        code: '42P10',
        message: 'there is no unique or exclusion constraint matching the ON CONFLICT specification',
      });
    });

    it('sends Location for return=headers-only', async () => {
      const response = await stack.call({
        method: 'POST',
        path: '/wallets',
        body: { wallet_address: '0x h/1' },
        headers: { ...service, prefer: 'return=headers-only' },
      });
      expect(response.status).toBe(201);
      expect(response.headers?.location).toBe('/wallets?wallet_address=eq.0x%20h%2F1');
    });
  });

  describe('PATCH and DELETE', () => {
    it('updates with 204 by default and 200 with representation', async () => {
      await stack.call({
        method: 'POST',
        path: '/items',
        body: [
          { id: 200, name: 'p1' },
          { id: 201, name: 'p2' },
        ],
      });
      const minimal = await stack.call({ method: 'PATCH', path: '/items', query: 'id=eq.200', body: { qty: 42 } });
      expect(minimal.status).toBe(204);
      expect(minimal.body).toBeUndefined();
      expect(minimal.headers).toEqual({ 'content-range': '0-0/*' });
      const full = await stack.call({
        method: 'PATCH',
        path: '/items',
        query: 'id=in.(200,201)&select=id,qty&order=id',
        body: { qty: 7 },
        headers: { prefer: 'return=representation' },
      });
      expect(full.status).toBe(200);
      expect(full.headers?.['content-range']).toBe('0-1/*');
      expect(json(full)).toEqual([
        { id: 200, qty: 7 },
        { id: 201, qty: 7 },
      ]);
      const nothing = await stack.call({
        method: 'PATCH',
        path: '/items',
        query: 'id=eq.999',
        body: { qty: 1 },
        headers: { prefer: 'return=representation' },
      });
      expect(nothing.status).toBe(200);
      expect(nothing.body).toBe('[]');
    });

    it('answers PATCH and DELETE without filters with 400 21000', async () => {
      const update = await stack.call({ method: 'PATCH', path: '/items', body: { qty: 0 } });
      expect(update.status).toBe(400);
      expect(json(update)).toEqual({
        code: '21000',
        message: 'UPDATE requires a WHERE clause',
        details: null,
        hint: null,
      });
      const remove = await stack.call({ method: 'DELETE', path: '/items' });
      expect(json(remove)).toEqual({
        code: '21000',
        message: 'DELETE requires a WHERE clause',
        details: null,
        hint: null,
      });
      expect(ids(await get('/items', 'select=id&id=lte.5&order=id'))).toEqual([1, 2, 3, 4, 5]);
    });

    it('answers PATCH with unknown payload columns with PGRST204', async () => {
      expect(
        json(await stack.call({ method: 'PATCH', path: '/items', query: 'id=eq.1', body: { nope: 1 } })),
      ).toMatchObject({ code: 'PGRST204' });
    });

    it('rolls a singular PATCH back when it touches more than one row', async () => {
      await stack.call({
        method: 'POST',
        path: '/items',
        body: [
          { id: 210, name: 's', qty: 1 },
          { id: 211, name: 's', qty: 1 },
        ],
      });
      const response = await stack.call({
        method: 'PATCH',
        path: '/items',
        query: 'name=eq.s',
        body: { qty: 99 },
        headers: { accept: 'application/vnd.pgrst.object+json', prefer: 'return=representation' },
      });
      expect(response.status).toBe(406);
      expect(json(response)).toMatchObject({ code: 'PGRST116', details: 'The result contains 2 rows' });
      expect(json(await get('/items', 'select=qty&name=eq.s'))).toEqual([{ qty: 1 }, { qty: 1 }]);
    });

    it('deletes with 204 by default and 200 with representation', async () => {
      await stack.call({
        method: 'POST',
        path: '/items',
        body: [
          { id: 220, name: 'd1' },
          { id: 221, name: 'd2' },
        ],
      });
      const minimal = await stack.call({
        method: 'DELETE',
        path: '/items',
        query: 'id=eq.220',
        headers: { prefer: 'count=exact' },
      });
      expect(minimal.status).toBe(204);
      expect(minimal.headers?.['content-range']).toBe('*/1');
      const full = await stack.call({
        method: 'DELETE',
        path: '/items',
        query: 'id=eq.221&select=name',
        headers: { prefer: 'return=representation' },
      });
      expect(full.status).toBe(200);
      expect(json(full)).toEqual([{ name: 'd2' }]);
      expect(json(await get('/items', 'id=in.(220,221)'))).toEqual([]);
    });
  });
});
