import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
let t0=performance.now();
const db = await PGlite.create({ extensions: { pgcrypto } });
console.log('boot ms', performance.now()-t0);
await db.exec("create extension pgcrypto; create table t(x int); insert into t values (1)");
t0=performance.now();
const blob = await db.dumpDataDir('none');
console.log('dump ms', performance.now()-t0, blob.size);
t0=performance.now();
const db2 = await PGlite.create({ loadDataDir: blob, extensions: { pgcrypto } });
console.log('load ms', performance.now()-t0, (await db2.query('select * from t')).rows);
t0=performance.now();
let n=0; const end=performance.now()+2000;
while (performance.now()<end) { await db2.transaction(async tx => { await tx.query("select set_config('role','postgres',true)"); await tx.query('select 1'); }); n++ }
console.log('tx/s', n/2);
