/**
 * `npm run bench`: runs every suite and prints one JSON line per figure:
 * {"name": "...", "value": N, "unit": "ms", "baseline": N, "ratio": N}.
 * Absolute times depend on the machine; ratios against a baseline measured in the same run count.
 * `npm run bench -- NAME` runs the suites whose name contains NAME.
 */
import { suites } from './suites.ts';

const filter = process.argv[2];
let failed = false;
for (const suite of suites.filter((s) => !filter || s.name.includes(filter))) {
  try {
    for (const figure of await suite.run()) process.stdout.write(`${JSON.stringify(figure)}\n`);
  } catch (error) {
    failed = true;
    process.stderr.write(
      `bench suite ${suite.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
}
process.exitCode = failed ? 1 : 0;
