import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { currentDrift, type DriftStore } from '../../app/find-drift.ts';
import { chooseConfigPath, loadConfig } from '../../config/load-config.ts';
import { formatProblem } from '../../config/problems.ts';
import type { ResolvedConfig } from '../../config/resolved-config.ts';
import { createGithubSnapshotRepo } from '../../db/repos/github-snapshot-repo.ts';
import { createGithubSyncRepo } from '../../db/repos/github-sync-repo.ts';
import { createKepRepo } from '../../db/repos/kep-repo.ts';
import { createMilestoneRemovalRepo } from '../../db/repos/milestone-removal-repo.ts';
import { type DriftFinding, driftLine } from '../../domain/drift.ts';
import type { CliCommand, CliIo } from '../io.ts';

const usage = `Usage: drumbeat drift [--json] [--config FILE] [--db FILE]

Lists where the release's KEP issues, the tracking board and kep.yaml disagree, as of the last
\`drumbeat sync\`: a stage/* label or board Stage that differs from kep.yaml, an issue in the milestone
without lead-opted-in (or opted in but not on the board), board Status Tracked with tracked/no (or
Removed/Deferred with tracked/yes), Removed From Milestone while the issue keeps the milestone,
kep.yaml latest-milestone and the issue's milestone disagreeing, an issue closed while kep.yaml says
implementable. Reads the database only; changes nothing.
  --json          one JSON object per finding, one a line
  --config FILE   the config file (default: $DRUMBEAT_CONFIG, else ./drumbeat.yaml)
  --db FILE       the bot's SQLite database (default: $DRUMBEAT_DB, else ./drumbeat.db)
Exit code: 0 when listed (findings or not), 1 when the config or database cannot be read, 2 for bad arguments.`;

interface DriftArgs {
  json: boolean;
  config: string | undefined;
  db: string | undefined;
}

function parse(args: string[]): DriftArgs | string {
  try {
    const { values } = parseArgs({
      args,
      options: {
        json: { type: 'boolean', default: false },
        config: { type: 'string' },
        db: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.db === '') return '--db needs a file name';
    return { json: values.json ?? false, config: values.config, db: values.db };
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The findings from a read-only connection (the database is never written). */
function readDrift(file: string, config: ResolvedConfig): DriftFinding[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const store: DriftStore = {
      githubSnapshots: createGithubSnapshotRepo(db),
      githubSync: createGithubSyncRepo(db),
      keps: createKepRepo(db),
      ...removalsOf(db),
    };
    const { github, release } = config;
    return currentDrift(store, {
      repo: github.repo,
      release: release.name,
      labels: github.labels,
      board: github.board ? { org: github.board.org, number: github.board.number } : null,
    });
  } finally {
    db.close();
  }
}

/** The Slack removals (none when the database predates their table, migration 0016). */
function removalsOf(db: Database.Database): Pick<DriftStore, 'milestoneRemovals'> {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'milestone_removals'")
    .get();
  return { milestoneRemovals: table ? createMilestoneRemovalRepo(db) : { latestByKep: () => [] } };
}

function print(findings: DriftFinding[], args: DriftArgs, release: string, io: CliIo): void {
  if (args.json) {
    for (const f of findings) io.stdout(`${JSON.stringify(f)}\n`);
    return;
  }
  if (findings.length === 0) {
    io.stdout(`No drift in ${release}: labels, milestone, board and kep.yaml agree (as of the last sync).\n`);
    return;
  }
  io.stdout(`Drift in ${release} (${findings.length}):\n`);
  for (const f of findings) io.stdout(`  ${driftLine(f)}\n`);
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parse(argv);
  if (typeof args === 'string') {
    io.stderr(`drumbeat drift: ${args}\n\n${usage}\n`);
    return 2;
  }
  const loaded = await loadConfig(chooseConfigPath(args.config, io.env), { cwd: io.cwd });
  if (!loaded.ok) {
    io.stderr(
      `${loaded.problems.map(formatProblem).join('\n')}\ndrumbeat drift: fix the config and run again.\n`,
    );
    return 1;
  }
  const file = resolve(io.cwd, args.db ?? (io.env.DRUMBEAT_DB || './drumbeat.db'));
  if (!existsSync(file)) {
    io.stderr(`drumbeat drift: no database at ${file}; run \`drumbeat sync\` first (or pass --db)\n`);
    return 1;
  }
  try {
    print(readDrift(file, loaded.config), args, loaded.config.release.name, io);
    return 0;
  } catch (error) {
    io.stderr(
      `drumbeat drift: cannot read ${file} (${error instanceof Error ? error.message : String(error)})\n`,
    );
    return 1;
  }
}

export const driftCommand: CliCommand = {
  name: 'drift',
  summary: 'list where labels, milestone, the board and kep.yaml disagree (as of the last sync)',
  usage,
  run,
};
