import { listIncrements } from '../../domain/confidence.ts';
import { renderPlan } from '../../domain/plan-text.ts';
import type { CliCommand, CliIo } from '../io.ts';
import { runWithPlanningStore } from './planning-cli.ts';

const usage = `Usage: drumbeat plan --sig DIR [--release vX.Y] [--markdown] [--config FILE] [--db FILE]

Prints the SIG's latest release plan (committed KEPs, the increments they land in with confidence,
dependencies, release-note lines) and whether the readout vote approved it, with older versions listed.
  --sig DIR       the SIG, by its dir (e.g. sig-node)
  --release vX.Y  the release (default: the config's release.name)
  --markdown      Markdown instead of terminal text
  --config FILE   the config file (default: $DRUMBEAT_CONFIG, else ./drumbeat.yaml), for the release and weeks
  --db FILE       the bot's SQLite database (default: $DRUMBEAT_DB, else ./drumbeat.db); only read
Exit code: 0 when printed, 1 when there is no plan or the database cannot be read, 2 for bad arguments.`;

function run(args: string[], io: CliIo): Promise<number> {
  const needSig = (a: { sig: string | null }) =>
    a.sig ? null : 'name the SIG with --sig (e.g. --sig sig-node)';
  return runWithPlanningStore(
    'plan',
    usage,
    args,
    io,
    ({ args: parsed, release, config, store }) => {
      const sig = parsed.sig!;
      const versions = store.planning.listPlans(release, sig);
      const latest = versions.at(-1);
      if (!latest) {
        io.stderr(
          `drumbeat plan: ${sig} has no plan for ${release} yet; its facilitators commit one with /drumbeat plan\n`,
        );
        return 1;
      }
      const period = config?.release.name === release ? config.release.codingPeriod : null;
      io.stdout(renderPlan(latest, period ? listIncrements(period) : null, { markdown: parsed.markdown }));
      if (versions.length > 1) {
        const older = versions
          .slice(0, -1)
          .map(
            (v) =>
              `v${v.version} (${v.savedAt.slice(0, 10)}, ${v.entries.length} KEPs${v.approvedAt ? ', approved' : ''})`,
          );
        io.stdout(`\nEarlier versions: ${older.join(', ')}\n`);
      }
      return 0;
    },
    needSig,
  );
}

export const planCommand: CliCommand = {
  name: 'plan',
  summary: "print a SIG's release plan (terminal text or Markdown)",
  usage,
  run,
};
