#!/usr/bin/env node
// The `drumbeat` command: runs the compiled program in dist/ (`npm ci` builds it; `npm run build`
// rebuilds it). Source maps make stack traces point at the TypeScript lines.
import { existsSync } from 'node:fs';

process.setSourceMapsEnabled(true);
const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('drumbeat: dist/ is missing; run `npm run build` (npm ci does it) and try again.\n');
  process.exit(1);
}
const { runCli } = await import(main.href);
process.exitCode = await runCli(process.argv.slice(2));
