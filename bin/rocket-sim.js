#!/usr/bin/env node
// rocket-sim entry point: loads the prebuilt CLI (npm ci / npm run build create dist/).
import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('rocket-sim: dist/cli.js is missing; run `npm run build` first');
  process.exit(2);
}
// cache compiled modules between starts (the CLI loads viem, zod, supabase-js, pglite)
enableCompileCache?.();
await import(cli.href);
