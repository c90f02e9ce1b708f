import { stringify } from 'yaml';
import { exportExceptions } from '../../app/export-exceptions.ts';
import { freezeNames } from '../../domain/exception.ts';
import type { CliCommand, CliIo } from '../io.ts';
import { runWithPlanningStore } from './planning-cli.ts';

const usage = `Usage: drumbeat exceptions [--export] [--release vX.Y] [--config FILE] [--db FILE]

Lists the release's exception requests; with --export, prints the decided ones in the shape of
kubernetes/sig-release's releases/release-1.NN/exceptions.yaml (enhancementFreeze, codeFreeze,
docsFreeze), ready to paste. Open requests are not exported (they have no review date yet).
  --export        print exceptions.yaml
  --release vX.Y  the release (default: the config's release.name)
  --config FILE   the config file (default: $DRUMBEAT_CONFIG, else ./drumbeat.yaml)
  --db FILE       the bot's SQLite database (default: $DRUMBEAT_DB, else ./drumbeat.db); only read
Exit code: 0 when printed, 1 when the database cannot be read, 2 for bad arguments.`;

function run(args: string[], io: CliIo): Promise<number> {
  return runWithPlanningStore('exceptions', usage, args, io, ({ args: parsed, release, store }) => {
    if (parsed.export) {
      const { file, open } = exportExceptions(store, release);
      const header = `# Exception requests in ${release}\n# Exported by drumbeat${open > 0 ? `; ${open} request(s) still open are not listed` : ''}\n\n`;
      io.stdout(header + (Object.keys(file).length > 0 ? stringify(file, { lineWidth: 0 }) : '{}\n'));
      return 0;
    }
    const requests = store.planning.listExceptions(release);
    if (requests.length === 0) io.stdout(`No exception requests for ${release}.\n`);
    for (const r of requests)
      io.stdout(
        `#${r.id} KEP-${r.kep} ${r.kepTitle} · ${freezeNames[r.freeze]} · asked ${r.requestedAt.slice(0, 10)} · ${r.status}${r.decidedAt ? ` ${r.decidedAt.slice(0, 10)}` : ''}\n`,
      );
    return 0;
  });
}

export const exceptionsCommand: CliCommand = {
  name: 'exceptions',
  summary: "list exception requests, or export them as sig-release's exceptions.yaml",
  usage,
  run,
};
