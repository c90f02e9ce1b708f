/**
 * `npm run test:reliability`: runs the reliability scenarios (bench/reliability.ts) and prints
 * them as a table: inputs tried, failures, lost. Exits 1 when anything failed or was lost (except losses a row's configured at-most-once mode
 * accepts).
 */
import { formatTable, runReliability } from './reliability.ts';

const rows = await runReliability();
process.stdout.write(`${formatTable(rows)}\n`);
const bad = rows.filter((r) => r.failures > 0 || (r.lost > 0 && !r.lossAccepted));
if (bad.length > 0)
  process.stderr.write(`reliability: ${bad.map((r) => r.fault).join('; ')} failed or lost input\n`);
process.exit(bad.length > 0 ? 1 : 0);
