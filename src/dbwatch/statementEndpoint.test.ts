import { describe, expect, it } from 'vitest';
import { statementEndpoint } from './statementEndpoint.ts';

describe('statementEndpoint', () => {
  it('names the RPC of a PostgREST call statement, with and without a JSON body', () => {
    expect(
      statementEndpoint(
        'WITH pgrst_source AS (SELECT pgrst_call.pgrst_scalar FROM json_to_record($1::json) AS pgrst_body("p_round_id" bigint), LATERAL (SELECT "public"."place_auction_bid"("p_round_id" := pgrst_body."p_round_id") pgrst_scalar) pgrst_call) SELECT $2',
      ),
    ).toBe('rpc_place_auction_bid');
    expect(
      statementEndpoint(
        'WITH pgrst_source AS (SELECT pgrst_call.pgrst_scalar FROM LATERAL (SELECT "public"."get_active_auction"() pgrst_scalar) pgrst_call) SELECT $1',
      ),
    ).toBe('rpc_get_active_auction');
  });

  it('names the table of a read or write, also when the insert lists columns in parentheses', () => {
    expect(
      statementEndpoint('WITH pgrst_source AS (SELECT "public"."box_tiers".* FROM "public"."box_tiers") SELECT 1'),
    ).toBe('rest_box_tiers');
    expect(
      statementEndpoint(
        'WITH pgrst_source AS (INSERT INTO "public"."wallet_registry"("wallet_address") SELECT 1 RETURNING 1) SELECT 1',
      ),
    ).toBe('rest_wallet_registry');
  });

  it('leaves statements PostgREST did not shape as (other)', () => {
    expect(statementEndpoint('select set_config($1, $2, true)')).toBe('(other)');
    expect(statementEndpoint('begin')).toBe('(other)');
  });
});
