/**
 * @module The REST layer's view of the database (PostgREST's "schema cache"): relations, columns,
 * keys and functions of the exposed schemas, plus the roles `authenticator` may switch to. Every
 * identifier in generated SQL is checked against this, and type/default texts come only from it.
 */
import type { Queryable, Db } from '../db/index.ts';

export interface ColumnInfo {
  name: string;
  /** `format_type` text, schema-qualified where needed (introspected with `search_path = pg_catalog`) */
  type: string;
  /** `pg_get_expr` of the column default, fully qualified; undefined when none */
  defaultExpr: string | undefined;
}

export interface RelationInfo {
  schema: string;
  name: string;
  kind: 'table' | 'view' | 'materialized_view' | 'foreign_table' | 'partitioned_table';
  columns: Map<string, ColumnInfo>;
  /** primary-key columns in key order; empty when none */
  primaryKey: string[];
}

export interface FunctionParam {
  /** empty for unnamed parameters */
  name: string;
  type: string;
  variadic: boolean;
  hasDefault: boolean;
}

export type ReturnShape = 'void' | 'scalar' | 'composite' | 'setof_scalar' | 'setof_composite';

export interface FunctionInfo {
  schema: string;
  name: string;
  /** input parameters (IN, INOUT, VARIADIC) in declaration order */
  params: FunctionParam[];
  returns: ReturnShape;
  /** output columns for composite results (OUT/TABLE parameters or the composite type's attributes) */
  returnColumns: Map<string, ColumnInfo>;
  volatility: 'volatile' | 'stable' | 'immutable';
}

export interface SchemaCache {
  /** exposed schemas; the first is the default profile */
  schemas: readonly string[];
  /** keyed by `schema` then relation name */
  relations: Map<string, Map<string, RelationInfo>>;
  /** keyed by `schema` then function name: every overload */
  functions: Map<string, Map<string, FunctionInfo[]>>;
  /** roles `authenticator` is a member of, i.e. that a request may switch to */
  switchableRoles: Set<string>;
  /** per-role user-level settings (`ALTER ROLE ... SET`), `authenticator`'s first as the session baseline */
  roleSettings: Map<string, [string, string][]>;
}

interface RelationRow {
  schema: string;
  name: string;
  kind: string;
  columns: { name: string; type: string; default: string | null }[];
  pk: string[] | null;
}

interface FunctionRow {
  schema: string;
  name: string;
  volatility: string;
  retset: boolean;
  rettype: string;
  rettype_kind: string;
  ret_columns: { name: string; type: string }[] | null;
  arg_names: string[] | null;
  arg_modes: string[] | null;
  arg_types: string[];
  nargdefaults: number;
}

const RELATIONS_SQL = `
select coalesce(json_agg(json_build_object(
  'schema', n.nspname, 'name', c.relname, 'kind', c.relkind,
  'columns', (
    select coalesce(json_agg(json_build_object(
      'name', a.attname, 'type', format_type(a.atttypid, a.atttypmod), 'default', pg_get_expr(d.adbin, d.adrelid)
    ) order by a.attnum), '[]')
    from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped),
  'pk', (
    select json_agg(a.attname order by k.ord)
    from pg_index i
    cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
    where i.indrelid = c.oid and i.indisprimary)
)), '[]')::text as json
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = any($1::text[]) and c.relkind in ('r', 'v', 'm', 'f', 'p')`;

const FUNCTIONS_SQL = `
select coalesce(json_agg(json_build_object(
  'schema', n.nspname, 'name', p.proname, 'volatility', p.provolatile, 'retset', p.proretset,
  'rettype', format_type(p.prorettype, null), 'rettype_kind', t.typtype,
  'ret_columns', (
    select json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod)) order by a.attnum)
    from pg_attribute a where a.attrelid = t.typrelid and t.typrelid <> 0 and a.attnum > 0 and not a.attisdropped),
  'arg_names', p.proargnames, 'arg_modes', p.proargmodes::text[],
  'arg_types', (
    select coalesce(json_agg(format_type(x.oid, null) order by x.ord), '[]')
    from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality as x(oid, ord)),
  'nargdefaults', p.pronargdefaults
) order by p.oid), '[]')::text as json
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_type t on t.oid = p.prorettype
where n.nspname = any($1::text[]) and p.prokind = 'f'`;

const ROLES_SQL = `
select coalesce(json_agg(r.rolname), '[]')::text as json
from pg_roles r
where case when exists (select 1 from pg_roles a where a.rolname = 'authenticator') then pg_has_role('authenticator', r.oid, 'MEMBER') else false end`;

// database-specific settings come after global ones so they win, like at login
const ROLE_SETTINGS_SQL = `
select coalesce(json_agg(json_build_array(r.rolname, kv.key, kv.value) order by r.rolname, s.setdatabase, kv.ord), '[]')::text as json
from pg_db_role_setting s
join pg_roles r on r.oid = s.setrole
cross join lateral unnest(s.setconfig) with ordinality as c(setting, ord)
cross join lateral (select split_part(c.setting, '=', 1) as key, substr(c.setting, strpos(c.setting, '=') + 1) as value, c.ord) kv
join pg_settings g on g.name = kv.key and g.context = 'user'
where s.setdatabase in (0, (select oid from pg_database where datname = current_database()))
  and kv.key not in ('search_path', 'role', 'session_authorization')`;

const RELATION_KINDS: Record<string, RelationInfo['kind']> = {
  r: 'table',
  v: 'view',
  m: 'materialized_view',
  f: 'foreign_table',
  p: 'partitioned_table',
};

const VOLATILITY: Record<string, FunctionInfo['volatility']> = { v: 'volatile', s: 'stable', i: 'immutable' };

function toFunctionInfo(row: FunctionRow): FunctionInfo {
  const modes = row.arg_modes ?? row.arg_types.map(() => 'i');
  const names = row.arg_names ?? [];
  const inputs: FunctionParam[] = [];
  const outputs = new Map<string, ColumnInfo>();
  row.arg_types.forEach((type, index) => {
    const mode = modes[index] ?? 'i';
    const name = names[index] ?? '';
    if (mode === 'i' || mode === 'b' || mode === 'v')
      inputs.push({ name, type, variadic: mode === 'v', hasDefault: false });
    if (mode === 'o' || mode === 'b' || mode === 't') outputs.set(name, { name, type, defaultExpr: undefined });
  });
  // DEFAULTs belong to the last `pronargdefaults` input parameters
  inputs.forEach((param, index) => {
    param.hasDefault = index >= inputs.length - row.nargdefaults;
  });
  // like PostgREST, OUT/INOUT/TABLE parameters make the result composite even with one column
  const composite = outputs.size > 0 || row.ret_columns !== null || row.rettype === 'record';
  const returnColumns =
    outputs.size > 0
      ? outputs
      : new Map((row.ret_columns ?? []).map((column) => [column.name, { ...column, defaultExpr: undefined }]));
  let returns: ReturnShape;
  if (row.rettype === 'void') returns = 'void';
  else if (composite) returns = row.retset ? 'setof_composite' : 'composite';
  else returns = row.retset ? 'setof_scalar' : 'scalar';
  return {
    schema: row.schema,
    name: row.name,
    params: inputs,
    returns,
    returnColumns,
    volatility: VOLATILITY[row.volatility] ?? 'volatile',
  };
}

async function readJson<T>(tx: Queryable, sql: string, params: unknown[] = []): Promise<T> {
  const rows = await tx.query<{ json: string }>(sql, params);
  return JSON.parse(rows[0]?.json ?? '[]') as T;
}

/** Introspects the exposed schemas. Runs with `search_path = pg_catalog` so type and default texts are fully qualified. */
export async function loadSchemaCache(db: Db, schemas: readonly string[]): Promise<SchemaCache> {
  return db.transaction(async (tx) => {
    await tx.query(`select set_config('search_path', 'pg_catalog', true)`);
    const relationRows = await readJson<RelationRow[]>(tx, RELATIONS_SQL, [schemas]);
    const functionRows = await readJson<FunctionRow[]>(tx, FUNCTIONS_SQL, [schemas]);
    const roles = await readJson<string[]>(tx, ROLES_SQL);
    const settingRows = await readJson<[string, string, string][]>(tx, ROLE_SETTINGS_SQL);

    const relations = new Map<string, Map<string, RelationInfo>>(schemas.map((schema) => [schema, new Map()]));
    for (const row of relationRows) {
      relations.get(row.schema)?.set(row.name, {
        schema: row.schema,
        name: row.name,
        kind: RELATION_KINDS[row.kind] ?? 'table',
        columns: new Map(
          row.columns.map((column) => [
            column.name,
            { name: column.name, type: column.type, defaultExpr: column.default ?? undefined },
          ]),
        ),
        primaryKey: row.pk ?? [],
      });
    }
    const functions = new Map<string, Map<string, FunctionInfo[]>>(schemas.map((schema) => [schema, new Map()]));
    for (const row of functionRows) {
      const bySchema = functions.get(row.schema);
      if (!bySchema) continue;
      const overloads = bySchema.get(row.name) ?? [];
      overloads.push(toFunctionInfo(row));
      bySchema.set(row.name, overloads);
    }
    const roleSettings = new Map<string, [string, string][]>();
    for (const [role, key, value] of settingRows) {
      const list = roleSettings.get(role) ?? [];
      list.push([key, value]);
      roleSettings.set(role, list);
    }
    return { schemas, relations, functions, switchableRoles: new Set(roles), roleSettings };
  });
}
