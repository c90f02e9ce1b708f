/**
 * `npm run bench`: runs every suite and prints one JSON line per figure:
 * {"name": "...", "value": N, "unit": "ms", "baseline": N, "ratio": N}.
 * Absolute times depend on the machine; ratios against a baseline measured in the same run count.
 * `npm run bench -- NAME` runs the suites whose name contains NAME.
 *
 * Each suite runs in a child process of its own (`bench/run-suite.ts`), so its memory figures
 * (RSS, heap) are its own and one suite's garbage or warm caches never colour the next.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { suites } from './suites.ts';

const runner = fileURLToPath(new URL('./run-suite.ts', import.meta.url));

/** Runs one suite in its own Node process; its figures go straight to our stdout. */
function runInChild(name: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, '--expose-gc', runner, name], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', (error) => {
      process.stderr.write(`bench suite ${name} could not start: ${error.message}\n`);
      resolve(false);
    });
    child.on('exit', (code) => resolve(code === 0));
  });
}

const filter = process.argv[2];
let failed = false;
for (const suite of suites.filter((s) => !filter || s.name.includes(filter))) {
  if (!(await runInChild(suite.name))) failed = true;
}
process.exitCode = failed ? 1 : 0;
