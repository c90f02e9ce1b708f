import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type SyncProgress, syncGithub } from '../../app/sync-github.ts';
import { chooseConfigPath, loadConfig } from '../../config/load-config.ts';
import { formatProblem } from '../../config/problems.ts';
import type { ResolvedConfig } from '../../config/resolved-config.ts';
import { createStore } from '../../db/create-store.ts';
import { migrate } from '../../db/migrate.ts';
import { type Db, openDatabase } from '../../db/open.ts';
import { describeFreshness } from '../../domain/github-freshness.ts';
import { createGithubClient } from '../../github/client.ts';
import { formatSyncSummary } from '../../github/format-sync-summary.ts';
import { GithubError } from '../../github/github-error.ts';
import { createGithubSource } from '../../github/github-source.ts';
import { parseKepYaml } from '../../github/local-checkout.ts';
import type { Store } from '../../ports/store.ts';
import { createLogger } from '../../system/logger.ts';
import { sleep } from '../../system/sleep.ts';
import { systemClock } from '../../system/system-clock.ts';
import { syncOptionsFromConfig } from '../../wiring/sync-options.ts';
import type { CliCommand, CliIo } from '../io.ts';

const usage = `Usage: drumbeat sync [--config FILE] [--db FILE] [--dry-run] [--json]

Reads the release's KEP issues, the release tracking board and the KEPs' kep.yaml and PRR files from
GitHub (incrementally: only what changed since the last sync) into the database, prints what changed,
and applies the write-back plan (labels) when github.writeBack is true.
  --config FILE   the config file (default: $DRUMBEAT_CONFIG, else ./drumbeat.yaml)
  --db FILE       the SQLite database (default: $DRUMBEAT_DB, else ./drumbeat.db); migrated first
  --dry-run       change nothing on GitHub; print the write-back plan instead
  --json          print the summary as JSON
Environment: GITHUB_TOKEN (required; scopes public_repo, read:org, read:project), GITHUB_API_URL
(default https://api.github.com/graphql; for GitHub Enterprise e.g. https://ghe.example.com/api/graphql).
Exit code: 0 when the sync completed, 1 when it stopped or cannot run, 2 for bad arguments.`;

interface SyncArgs {
  config?: string;
  db?: string;
  dryRun: boolean;
  json: boolean;
}

function parse(args: string[], io: CliIo): SyncArgs | null {
  try {
    const { values } = parseArgs({
      args,
      options: {
        config: { type: 'string' },
        db: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.db === '') throw new Error('--db needs a file name');
    return {
      config: values.config,
      db: values.db,
      dryRun: values['dry-run'] ?? false,
      json: values.json ?? false,
    };
  } catch (error) {
    io.stderr(`drumbeat sync: ${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    return null;
  }
}

function progressLine(io: CliIo): ((p: SyncProgress) => void) | undefined {
  if (!io.isTty) return undefined;
  return (p) =>
    io.stdout(`\r\x1b[2Ksyncing ${p.phase}: ${p.read} read, ${p.requests} requests, ${p.points} points`);
}

function withStore<T>(file: string, use: (store: Store) => Promise<T>): Promise<T> {
  let db: Db;
  try {
    db = openDatabase(file);
    migrate(db, undefined, systemClock.now);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `cannot open the database ${file} (${reason}); check that its folder exists and is writable`,
    );
  }
  return use(createStore(db)).finally(() => db.close());
}

async function runSync(store: Store, config: ResolvedConfig, args: SyncArgs, io: CliIo): Promise<number> {
  const token = io.env.GITHUB_TOKEN?.trim();
  if (!token) {
    const lastSyncAt = store.githubSync.lastRun('ok')?.finishedAt ?? null;
    const freshness = describeFreshness(
      { hasToken: false, lastSyncAt, localCheckout: config.github.localCheckout },
      systemClock.now(),
    );
    io.stderr(
      `drumbeat sync: GITHUB_TOKEN is not set. Create a token (classic scopes: public_repo, read:org, read:project) and export GITHUB_TOKEN.\n${freshness}\n`,
    );
    return 1;
  }
  const logger = createLogger({ level: 'silent' });
  let client: ReturnType<typeof createGithubClient>;
  try {
    client = createGithubClient({
      token,
      apiUrl: io.env.GITHUB_API_URL?.trim() || undefined,
      clock: systemClock,
      sleep,
      logger,
    });
  } catch (error) {
    if (!(error instanceof GithubError)) throw error;
    io.stderr(`drumbeat sync: ${error.message}\n`);
    return 1;
  }
  const options = { ...syncOptionsFromConfig(config, args.dryRun), onProgress: progressLine(io) };
  const deps = {
    github: createGithubSource(client),
    store,
    clock: systemClock,
    logger,
    readKepYaml: parseKepYaml,
  };
  const summary = await syncGithub(deps, options);
  if (io.isTty) io.stdout('\r\x1b[2K');
  if (args.json) io.stdout(`${JSON.stringify(summary)}\n`);
  else io.stdout(formatSyncSummary(summary, options));
  return summary.ok ? 0 : 1;
}

export const syncCommand: CliCommand = {
  name: 'sync',
  summary: 'read KEP issues, the release board and kep.yaml files from GitHub (incremental); --dry-run',
  usage,
  run: async (args, io) => {
    const options = parse(args, io);
    if (!options) return 2;
    const file = chooseConfigPath(options.config, io.env);
    const loaded = await loadConfig(file, { cwd: io.cwd });
    if (!loaded.ok) {
      const problems = loaded.problems.map((p, i) => `${i + 1}. ${formatProblem(p)}`).join('\n');
      io.stderr(
        `${problems}\ndrumbeat sync: ${file} has problems; fix them (\`drumbeat check\` lists them) and run again.\n`,
      );
      return 1;
    }
    const dbFile = resolve(io.cwd, options.db ?? (io.env.DRUMBEAT_DB || './drumbeat.db'));
    try {
      return await withStore(dbFile, (store) => runSync(store, loaded.config, options, io));
    } catch (error) {
      io.stderr(`drumbeat sync: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  },
};
