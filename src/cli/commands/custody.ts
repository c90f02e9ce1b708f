import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { type CustodyScope, custodyKeps, type TracedCustody, traceCustody } from '../../app/trace-custody.ts';
import { chooseConfigPath, loadConfig } from '../../config/load-config.ts';
import { formatProblem } from '../../config/problems.ts';
import type { ResolvedConfig } from '../../config/resolved-config.ts';
import { createGithubSnapshotRepo } from '../../db/repos/github-snapshot-repo.ts';
import { createKepRepo } from '../../db/repos/kep-repo.ts';
import type { CustodyKep } from '../../domain/custody-report.ts';
import { custodyMarkdown, custodyText } from '../../domain/custody-text.ts';
import { createGithubClient } from '../../github/client.ts';
import { GithubError } from '../../github/github-error.ts';
import { createPullRequestSource } from '../../github/pull-request-source.ts';
import type { PullRequestSource } from '../../ports/github.ts';
import { createLogger } from '../../system/logger.ts';
import { sleep } from '../../system/sleep.ts';
import { systemClock } from '../../system/system-clock.ts';
import type { CliCommand, CliIo } from '../io.ts';

const usage = `Usage: drumbeat custody [--kep N | --sig DIR] [--markdown | --json] [--config FILE] [--db FILE]

The chain of custody of the release: for each KEP (as of the last \`drumbeat sync\`), its issue and
the github.codeRepo pull requests linked to it (the issue timeline's cross-references and the PR links
in its description) with state, merge time and the lgtm / approved / do-not-merge/* labels, and Code
Freeze and Test Freeze readiness from them (unverified when no pull request is linked). For the whole
release also the pre-freeze check: merged kind/feature pull requests in the release milestone that no
tracked KEP accounts for. Reads GitHub; changes nothing.
  --kep N         one KEP only
  --sig DIR       one SIG's KEPs only (e.g. sig-node)
  --markdown      Markdown to paste into an issue or a meeting doc
  --json          one JSON object (pull request descriptions left out)
  --config FILE   the config file (default: $DRUMBEAT_CONFIG, else ./drumbeat.yaml)
  --db FILE       the bot's SQLite database (default: $DRUMBEAT_DB, else ./drumbeat.db)
Environment: GITHUB_TOKEN (required), GITHUB_API_URL (default https://api.github.com/graphql).
Exit code: 0 when printed, 1 when the config, database or GitHub cannot be read, 2 for bad arguments.`;

interface CustodyArgs {
  scope: CustodyScope;
  format: 'text' | 'markdown' | 'json';
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
    return { scope, format, config: values.config, db: values.db };
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The KEPs in scope, from a read-only connection (the database is never written). */
function readKeps(file: string, config: ResolvedConfig, scope: CustodyScope): CustodyKep[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const issues = createGithubSnapshotRepo(db).listIssues(config.github.repo);
    const milestones = new Map(issues.map((i) => [i.number, i.milestone]));
    return custodyKeps(createKepRepo(db).list(), config.release.name, milestones, scope);
  } finally {
    db.close();
  }
}

function print(traced: TracedCustody, format: CustodyArgs['format'], io: CliIo): void {
  if (format === 'json') {
    const json = JSON.stringify({ ...traced.report, spend: traced.spend }, (k, v) =>
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

async function trace(
  keps: CustodyKep[],
  config: ResolvedConfig,
  args: CustodyArgs,
  io: CliIo,
  token: string,
) {
  return traceCustody(
    { github: pullRequestSourceFor(token, io) },
    {
      keps,
      release: config.release.name,
      enhancementsRepo: config.github.repo,
      codeRepo: config.github.codeRepo,
      preFreeze: args.scope.kep === undefined && args.scope.sig === undefined,
    },
  );
}

/** The checks before GitHub is asked: config, database, KEPs in scope, token. */
async function prepare(args: CustodyArgs, io: CliIo) {
  const loaded = await loadConfig(chooseConfigPath(args.config, io.env), { cwd: io.cwd });
  if (!loaded.ok) return `${loaded.problems.map(formatProblem).join('\n')}\nfix the config and run again`;
  const file = resolve(io.cwd, args.db ?? (io.env.DRUMBEAT_DB || './drumbeat.db'));
  if (!existsSync(file)) return `no database at ${file}; run \`drumbeat sync\` first (or pass --db)`;
  const keps = readKeps(file, loaded.config, args.scope);
  if (keps.length === 0 && (args.scope.kep !== undefined || args.scope.sig !== undefined))
    return `no KEP of ${loaded.config.release.name} matches ${args.scope.kep !== undefined ? `--kep ${args.scope.kep}` : `--sig ${args.scope.sig}`}`;
  const token = io.env.GITHUB_TOKEN?.trim();
  if (!token) return 'GITHUB_TOKEN is not set; export a token (public_repo is enough to read)';
  return { config: loaded.config, keps, token };
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parse(argv);
  if (typeof args === 'string') {
    io.stderr(`drumbeat custody: ${args}\n\n${usage}\n`);
    return 2;
  }
  try {
    const ready = await prepare(args, io);
    if (typeof ready === 'string') {
      io.stderr(`drumbeat custody: ${ready}\n`);
      return 1;
    }
    print(await trace(ready.keps, ready.config, args, io, ready.token), args.format, io);
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
