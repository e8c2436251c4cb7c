#!/usr/bin/env node
// rocket-sim entry point: checks the Node version, then loads the prebuilt CLI (npm ci / npm run build create dist/).
import { existsSync } from 'node:fs';
import { checkNodeVersion } from './check-node-version.js';

checkNodeVersion();
const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('rocket-sim: dist/cli.js is missing; run `npm run build` first');
  process.exit(2);
}
// cache compiled modules between starts (the CLI loads viem, zod, supabase-js, pglite)
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();
await import(cli.href);
