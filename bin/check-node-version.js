// rocket-sim needs the Node version of package.json "engines" (native TypeScript type stripping, the
// APIs Artillery 2.0.34 uses). Plain JavaScript that any Node parses, so an old Node gets one clear
// line instead of ERR_UNKNOWN_FILE_EXTENSION or a missing export. Runs before `npm start`/`npm ci`'s
// build (`node bin/check-node-version.js`) and first in bin/rocket-sim.js.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The minimum [major, minor] of package.json `engines.node` (">=22.18"). */
function required() {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const match = /(\d+)\.(\d+)/.exec(manifest.engines?.node ?? '');
  return match ? [Number(match[1]), Number(match[2])] : [0, 0];
}

/** Exits 2 with one line when the running Node is older than package.json allows. */
export function checkNodeVersion() {
  const [major, minor] = required();
  const [runningMajor, runningMinor] = process.versions.node.split('.').map(Number);
  if (runningMajor > major || (runningMajor === major && runningMinor >= minor)) return;
  console.error(
    `rocket-sim needs Node >= ${major}.${minor}, found ${process.version} (${process.execPath}): ` +
      "install Node 24 (https://nodejs.org, or `nvm use` with the repository's .nvmrc) and run it again",
  );
  process.exit(2);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) checkNodeVersion();
