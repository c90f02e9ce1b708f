import { parseArgs } from 'node:util';
import { buildReleaseReport, unknownReleases } from '../../app/build-release-report.ts';
import { renderComparison } from '../../domain/report-compare-text.ts';
import { renderReport } from '../../domain/report-text.ts';
import { systemClock } from '../../system/system-clock.ts';
import type { CliCommand, CliIo } from '../io.ts';
import { loadOptionalConfig, openPlanningStore, type PlanningCliArgs } from './planning-cli.ts';

const usage = `Usage: drumbeat report [--release vX.Y] [--compare vX.Y …] [--markdown | --json] [--config FILE] [--db FILE]

Prints the release report: program metrics for the release and per SIG (KEPs opted in, tracked at
each freeze, removed, deferred, shipped; exceptions; round response; blockers and escalations;
votes; confidence calibration), the satisfaction pulse and the retrospective. With --compare, the
releases side by side (the report's release first).
  --release vX.Y   the release (default: the config's release.name)
  --compare vX.Y   another release to compare with; repeat for more
  --markdown       Markdown instead of terminal text
  --json           the reports as one JSON object {"reports": [...]}
  --config FILE    the config file (default: $DRUMBEAT_CONFIG, else ./drumbeat.yaml)
  --db FILE        the bot's SQLite database (default: $DRUMBEAT_DB, else ./drumbeat.db)
Exit code: 0 when printed, 1 when the database cannot be read, 2 for bad arguments.`;

interface ReportArgs {
  release: string | null;
  compare: string[];
  format: 'text' | 'markdown' | 'json';
  config: string | undefined;
  db: string | undefined;
}

const releaseName = /^v\d+\.\d+$/;

function parseReportArgs(args: string[]): ReportArgs | string {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        release: { type: 'string' },
        compare: { type: 'string', multiple: true },
        markdown: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        config: { type: 'string' },
        db: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (values.markdown && values.json) return 'choose one of --markdown and --json';
  if (values.db === '') return '--db needs a file name';
  const release = typeof values.release === 'string' ? values.release.trim() : null;
  const compare = ((values.compare as string[] | undefined) ?? []).map((c) => c.trim());
  const bad = [release, ...compare].find((r) => r !== null && !releaseName.test(r));
  if (bad !== undefined) return `${bad} is not a release name like v1.35`;
  return {
    release,
    compare,
    format: values.json ? 'json' : values.markdown ? 'markdown' : 'text',
    config: values.config as string | undefined,
    db: values.db as string | undefined,
  };
}

function planningArgs(args: ReportArgs): PlanningCliArgs {
  return {
    sig: null,
    release: args.release,
    markdown: false,
    export: false,
    board: false,
    config: args.config,
    db: args.db,
  };
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parseReportArgs(argv);
  if (typeof args === 'string') {
    io.stderr(`drumbeat report: ${args}\n\n${usage}\n`);
    return 2;
  }
  const release = args.release ?? (await loadOptionalConfig(planningArgs(args), io))?.release.name ?? null;
  if (!release) {
    io.stderr(
      'drumbeat report: name the release with --release (e.g. v1.35), or point --config at drumbeat.yaml\n',
    );
    return 2;
  }
  const opened = openPlanningStore(planningArgs(args), io);
  if (typeof opened === 'string') {
    io.stderr(`drumbeat report: ${opened}\n`);
    return 1;
  }
  try {
    return print(args, [release, ...args.compare.filter((c) => c !== release)], opened.store, io);
  } finally {
    opened.db.close();
  }
}

function print(
  args: ReportArgs,
  releases: string[],
  store: Parameters<typeof buildReleaseReport>[0],
  io: CliIo,
) {
  const missing = unknownReleases(store, releases);
  if (missing) {
    io.stderr(`drumbeat report: ${missing}\n`);
    return 2;
  }
  const now = systemClock.now();
  const reports = releases.map((r) => buildReleaseReport(store, r, now));
  if (args.format === 'json') io.stdout(`${JSON.stringify({ reports }, null, 2)}\n`);
  else {
    const style = { markdown: args.format === 'markdown' };
    const parts = reports.length > 1 ? [renderComparison(reports, style)] : [];
    io.stdout([...parts, ...reports.map((r) => renderReport(r, style))].join('\n'));
  }
  return 0;
}

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'print the release report (program metrics, pulse, retrospective), or compare releases',
  usage,
  run,
};
