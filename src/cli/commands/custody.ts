import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type CustodyScope, custodyKeps, type TracedCustody, traceCustody } from '../../app/trace-custody.ts';
import { chooseConfigPath, loadConfig } from '../../config/load-config.ts';
import { formatProblem } from '../../config/problems.ts';
import type { ResolvedConfig } from '../../config/resolved-config.ts';
import { createStore } from '../../db/create-store.ts';
import { migrate } from '../../db/migrate.ts';
import { openDatabase } from '../../db/open.ts';
import type { CustodyKep } from '../../domain/custody-report.ts';
import { custodyMarkdown, custodyText } from '../../domain/custody-text.ts';
import { createGithubClient } from '../../github/client.ts';
import { GithubError } from '../../github/github-error.ts';
import { createPullRequestSource } from '../../github/pull-request-source.ts';
import type { PullRequestSource } from '../../ports/github.ts';
import type { Store } from '../../ports/store.ts';
import { createLogger } from '../../system/logger.ts';
import { sleep } from '../../system/sleep.ts';
import { systemClock } from '../../system/system-clock.ts';
import type { CliCommand, CliIo } from '../io.ts';

const usage = `Usage: drumbeat custody [--kep N | --sig DIR] [--markdown | --json] [--full] [--config FILE] [--db FILE]

The chain of custody of the release: for each KEP (as of the last \`drumbeat sync\`), its issue and
the github.codeRepo pull requests linked to it (the issue timeline's cross-references and the PR links
in its description) with state, merge time and the lgtm / approved / do-not-merge/* labels, and Code
Freeze and Test Freeze readiness from them (unverified when no pull request is linked). For the whole
release also the pre-freeze check: merged kind/feature pull requests in the release milestone that no
tracked KEP accounts for. What it reads is kept in the database, so the next report reads from
GitHub only what changed since (two searches when nothing did); each KEP issue is read whole again
once a day. Changes nothing on GitHub.
  --kep N         one KEP only
  --sig DIR       one SIG's KEPs only (e.g. sig-node)
  --markdown      Markdown to paste into an issue or a meeting doc
  --json          one JSON object (pull request descriptions left out)
  --full          read every KEP issue and the pre-freeze search whole again
  --config FILE   the config file (default: $DRUMBEAT_CONFIG, else ./drumbeat.yaml)
  --db FILE       the bot's SQLite database (default: $DRUMBEAT_DB, else ./drumbeat.db)
Environment: GITHUB_TOKEN (required), GITHUB_API_URL (default https://api.github.com/graphql).
Exit code: 0 when printed, 1 when the config, database or GitHub cannot be read, 2 for bad arguments.`;

interface CustodyArgs {
  scope: CustodyScope;
  format: 'text' | 'markdown' | 'json';
  full: boolean;
  config: string | undefined;
  db: string | undefined;
}

function parse(args: string[]): CustodyArgs | string {
  try {
    const { values } = parseArgs({
      args,
      options: {
        kep: { type: 'string' },
        sig: { type: 'string' },
        markdown: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        full: { type: 'boolean', default: false },
        config: { type: 'string' },
        db: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.kep !== undefined && values.sig !== undefined) return 'give --kep or --sig, not both';
    if (values.markdown && values.json) return 'give --markdown or --json, not both';
    if (values.kep !== undefined && !/^\d+$/.test(values.kep))
      return `--kep needs a KEP number, not "${values.kep}"`;
    if (values.db === '') return '--db needs a file name';
    const scope = {
      ...(values.kep ? { kep: Number(values.kep) } : {}),
      ...(values.sig ? { sig: values.sig } : {}),
    };
    const format = values.json ? 'json' : values.markdown ? 'markdown' : 'text';
    return { scope, format, full: values.full, config: values.config, db: values.db };
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Runs `fn` over the store of the database `file` (migrated; an in-memory one when null, so nothing
 * is kept), and closes it.
 */
export async function withCustodyStore<T>(file: string | null, fn: (store: Store) => Promise<T>): Promise<T> {
  const db = openDatabase(file ?? ':memory:');
  try {
    migrate(db, undefined, systemClock.now);
    return await fn(createStore(db));
  } finally {
    db.close();
  }
}

/** The KEPs in scope, by the release membership rule over the synced issues' milestones. */
function readKeps(store: Store, config: ResolvedConfig, scope: CustodyScope): CustodyKep[] {
  const issues = store.githubSnapshots.listIssues(config.github.repo);
  const milestones = new Map(issues.map((i) => [i.number, i.milestone]));
  return custodyKeps(store.keps.list(), config.release.name, milestones, scope);
}

function print(traced: TracedCustody, format: CustodyArgs['format'], io: CliIo): void {
  if (format === 'json') {
    const json = JSON.stringify({ ...traced.report, spend: traced.spend, reads: traced.reads }, (k, v) =>
      k === 'body' ? undefined : v,
    );
    io.stdout(`${json}\n`);
  } else io.stdout(format === 'markdown' ? custodyMarkdown(traced.report) : custodyText(traced.report));
}

/** The pull-request reads over GitHub (`GITHUB_API_URL` when set); throws `GithubError` for a bad URL. */
export function pullRequestSourceFor(token: string, io: CliIo): PullRequestSource {
  const client = createGithubClient({
    token,
    apiUrl: io.env.GITHUB_API_URL?.trim() || undefined,
    clock: systemClock,
    sleep,
    logger: createLogger({ level: 'silent' }),
  });
  return createPullRequestSource(client);
}

function trace(
  store: Store,
  keps: CustodyKep[],
  config: ResolvedConfig,
  args: CustodyArgs,
  token: string,
  io: CliIo,
) {
  return traceCustody(
    { github: pullRequestSourceFor(token, io), store, clock: systemClock },
    {
      keps,
      release: config.release.name,
      enhancementsRepo: config.github.repo,
      codeRepo: config.github.codeRepo,
      preFreeze: args.scope.kep === undefined && args.scope.sig === undefined,
      full: args.full,
    },
  );
}

/** The checks before the database is opened: config, database file, token. */
async function prepare(args: CustodyArgs, io: CliIo) {
  const loaded = await loadConfig(chooseConfigPath(args.config, io.env), { cwd: io.cwd });
  if (!loaded.ok) return `${loaded.problems.map(formatProblem).join('\n')}\nfix the config and run again`;
  const file = resolve(io.cwd, args.db ?? (io.env.DRUMBEAT_DB || './drumbeat.db'));
  if (!existsSync(file)) return `no database at ${file}; run \`drumbeat sync\` first (or pass --db)`;
  const token = io.env.GITHUB_TOKEN?.trim();
  if (!token) return 'GITHUB_TOKEN is not set; export a token (public_repo is enough to read)';
  return { config: loaded.config, file, token };
}

/** The report, or a string saying why there is none (no KEP in scope). */
function report(args: CustodyArgs, io: CliIo, ready: Exclude<Awaited<ReturnType<typeof prepare>>, string>) {
  return withCustodyStore(ready.file, async (store): Promise<TracedCustody | string> => {
    const keps = readKeps(store, ready.config, args.scope);
    if (keps.length === 0 && (args.scope.kep !== undefined || args.scope.sig !== undefined))
      return `no KEP of ${ready.config.release.name} matches ${args.scope.kep !== undefined ? `--kep ${args.scope.kep}` : `--sig ${args.scope.sig}`}`;
    return trace(store, keps, ready.config, args, ready.token, io);
  });
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parse(argv);
  if (typeof args === 'string') {
    io.stderr(`drumbeat custody: ${args}\n\n${usage}\n`);
    return 2;
  }
  try {
    const ready = await prepare(args, io);
    const traced = typeof ready === 'string' ? ready : await report(args, io, ready);
    if (typeof traced === 'string') {
      io.stderr(`drumbeat custody: ${traced}\n`);
      return 1;
    }
    print(traced, args.format, io);
    return 0;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const hint = error instanceof GithubError ? '' : ' (the database or GitHub could not be read)';
    io.stderr(`drumbeat custody: ${reason}${hint}\n`);
    return 1;
  }
}

export const custodyCommand: CliCommand = {
  name: 'custody',
  summary:
    'KEP → issue → kubernetes/kubernetes pull requests, Code/Test Freeze readiness, the pre-freeze check',
  usage,
  run,
};
