/**
 * Runs the one bench suite named on the command line and prints its figures, one JSON line each.
 * Started by `bench/run.ts` in a process of its own.
 */
import { suites } from './suites.ts';

const name = process.argv[2];
const suite = suites.find((s) => s.name === name);
if (!suite) {
  process.stderr.write(`bench: no suite named "${name}"; known: ${suites.map((s) => s.name).join(', ')}\n`);
  process.exit(2);
}
try {
  for (const figure of await suite.run()) process.stdout.write(`${JSON.stringify(figure)}\n`);
} catch (error) {
  process.stderr.write(
    `bench suite ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
}
// A suite that leaves a handle open (a server, a timer) must not keep the run waiting.
process.exit();
