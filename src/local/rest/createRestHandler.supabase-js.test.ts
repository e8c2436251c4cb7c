import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestTestStack, testBackends, type RestTestStack } from '../../../test/support/local/restTestStack.ts';

const ALICE = '11111111-1111-1111-1111-111111111111';
const FAR_FUTURE = 4102444800; // 2100-01-01

describe.each(testBackends(process.env.DATABASE_URL))('supabase-js against the REST layer on $kind', (backend) => {
  let stack: RestTestStack;
  let anon: SupabaseClient;
  let user: SupabaseClient;
  let service: SupabaseClient;
  const options = { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } };

  beforeAll(async () => {
    stack = await startRestTestStack(backend);
    const token = await stack.jwt.sign({ sub: ALICE, role: 'authenticated', aud: 'authenticated', exp: FAR_FUTURE });
    anon = createClient(stack.url, stack.keys.publishableKey, options);
    user = createClient(stack.url, stack.keys.anonKey, { ...options, accessToken: async () => token });
    service = createClient(stack.url, stack.keys.secretKey, options);
  });
  afterAll(async () => stack?.close());

  it('selects with filters, order and an exact count', async () => {
    const tiers = await anon.from('box_tiers').select('id').order('sort_order', { ascending: true });
    expect(tiers.error).toBeNull();
    expect(tiers.data).toEqual([{ id: 'bronze' }, { id: 'silver' }, { id: 'gold' }]);
    const fruit = await anon
      .from('items')
      .select('id, name', { count: 'exact' })
      .eq('category', 'fruit')
      .order('id')
      .limit(1);
    expect(fruit).toMatchObject({ status: 206, count: 2, data: [{ id: 1, name: 'apple' }] });
    const mixed = await anon
      .from('items')
      .select('id')
      .in('id', [1, 3, 5])
      .or('qty.gt.4,name.ilike.e*')
      .order('id', { ascending: false });
    expect(mixed.data).toEqual([{ id: 5 }, { id: 3 }, { id: 1 }]);
    const head = await anon.from('items').select('*', { count: 'exact', head: true });
    expect(head).toMatchObject({ count: 5, data: null, error: null });
  });

  it('returns one object from .single() and a PGRST116 error otherwise', async () => {
    const one = await anon.from('items').select('id, name').eq('id', 2).single();
    expect(one.data).toEqual({ id: 2, name: 'banana' });
    const none = await anon.from('items').select('id').eq('id', 999).single();
    expect(none.status).toBe(406);
    expect(none.error).toMatchObject({ code: 'PGRST116', details: 'The result contains 0 rows' });
    const maybe = await anon.from('items').select('id').eq('id', 999).maybeSingle();
    expect(maybe).toMatchObject({ data: null, error: null });
  });

  it('inserts, upserts, updates and deletes', async () => {
    const inserted = await anon.from('items').insert({ id: 400, name: 'quince' });
    expect(inserted).toMatchObject({ status: 201, data: null, error: null });
    const rows = [
      { id: 401, name: 'rhubarb' },
      { id: 402, name: 'sage', qty: 3 },
    ];
    // supabase-js sends ?columns= with the union of keys: a missing key is NULL unless defaultToNull is false
    const nulls = await anon.from('items').insert(rows);
    expect(nulls).toMatchObject({ status: 400, error: { code: '23502' } });
    const selected = await anon.from('items').insert(rows, { defaultToNull: false }).select('id, qty');
    expect(selected.data).toEqual([
      { id: 401, qty: 1 },
      { id: 402, qty: 3 },
    ]);

    const created = await service
      .from('wallets')
      .upsert([{ wallet_address: '0xjs', balance: 1 }], { onConflict: 'wallet_address' });
    expect(created).toMatchObject({ status: 201, error: null });
    const merged = await service
      .from('wallets')
      .upsert([{ wallet_address: '0xjs', balance: 2 }], { onConflict: 'wallet_address' })
      .select('balance');
    expect(merged).toMatchObject({ status: 200, data: [{ balance: 2 }] });
    const ignored = await service
      .from('wallets')
      .upsert({ wallet_address: '0xjs', balance: 3 }, { onConflict: 'wallet_address', ignoreDuplicates: true });
    expect(ignored.status).toBe(201);

    const updated = await anon.from('items').update({ qty: 8 }).eq('id', 400).select('id, qty').single();
    expect(updated.data).toEqual({ id: 400, qty: 8 });
    const deleted = await anon.from('items').delete().in('id', [400, 401, 402]);
    expect(deleted).toMatchObject({ status: 204, error: null });
    const unfiltered = await anon.from('items').update({ qty: 0 }).neq('id', -1).select('id');
    expect(unfiltered.data).toHaveLength(5);
  });

  it('surfaces database errors with code, message, details and hint', async () => {
    await service.from('wallets').insert({ wallet_address: '0xdup' });
    const duplicate = await service.from('wallets').insert({ wallet_address: '0xdup' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.error).toEqual({
      code: '23505',
      message: 'duplicate key value violates unique constraint "wallets_pkey"',
      details: 'Key (wallet_address)=(0xdup) already exists.',
      hint: null,
    });
    const rls = await anon.from('notes').insert({ body: 'nope' });
    expect(rls).toMatchObject({ status: 401, error: { code: '42501' } });
  });

  it('calls RPCs with every result shape', async () => {
    expect((await anon.rpc('add_numbers', { a: 1 })).data).toBe(11);
    expect((await anon.rpc('add_numbers', { a: 2, b: 3 }, { get: true })).data).toBe(5);
    expect((await anon.rpc('count_up', { n: 3 })).data).toEqual([1, 2, 3]);
    expect((await anon.rpc('echo_jsonb', { p: { ok: true } })).data).toEqual({ ok: true });
    expect(await anon.rpc('do_nothing')).toMatchObject({ status: 204, data: null, error: null });
    expect((await anon.rpc('tier_by_id', { p_id: 'silver' })).data).toMatchObject({ id: 'silver', name: 'Silver' });
    const projected = await anon
      .rpc('tiers_cheaper_than', { p_max: 1000 })
      .select('id')
      .gt('price', 10)
      .order('price', { ascending: false });
    expect(projected.data).toEqual([{ id: 'gold' }, { id: 'silver' }]);
    const single = await anon.rpc('tiers_cheaper_than', { p_max: 50 }).single();
    expect(single.error).toMatchObject({ code: 'PGRST116', details: 'The result contains 2 rows' });
  });

  it('reports RPC errors the way the game client matches them', async () => {
    const raised = await user.rpc('fail_with', { msg: 'Insufficient FLUX balance' });
    expect(raised).toMatchObject({
      status: 400,
      error: { code: 'P0001', message: 'Insufficient FLUX balance', details: null, hint: null },
    });
    expect(await anon.rpc('members_only')).toMatchObject({ status: 401, error: { code: '42501' } });
    expect(await user.rpc('members_only')).toMatchObject({ status: 200, data: 'welcome' });
    const missing = await anon.rpc('add_numbers', { a: 1, nope: 2 });
    expect(missing).toMatchObject({ status: 404, error: { code: 'PGRST202' } });
  });

  it('runs as the signed-in user with their claims', async () => {
    const info = await user.rpc('request_info');
    expect(info.data).toMatchObject({ role: 'authenticated', uid: ALICE });
    const notes = await user.from('notes').select('body').order('id');
    expect(notes.data).toEqual([{ body: 'alice first' }, { body: 'alice second' }]);
  });
});
