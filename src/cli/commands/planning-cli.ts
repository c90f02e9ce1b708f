/**
 * What `drumbeat plan`, `notes` and `exceptions` share: their options, the release they read (flag,
 * else the config's), and the bot's database (plans and requests live only there).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chooseConfigPath, loadConfig } from '../../config/load-config.ts';
import type { ResolvedConfig } from '../../config/resolved-config.ts';
import type { Db } from '../../db/open.ts';
import type { Store } from '../../ports/store.ts';
import { systemClock } from '../../system/system-clock.ts';
import { openPreviewStore } from '../../wiring/preview-store.ts';
import type { CliIo } from '../io.ts';

export interface PlanningCliArgs {
  sig: string | null;
  release: string | null;
  markdown: boolean;
  export: boolean;
  board: boolean;
  config: string | undefined;
  db: string | undefined;
}

/** Parses the shared options; returns the problem as text. */
export function parsePlanningArgs(args: string[]): PlanningCliArgs | string {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        sig: { type: 'string' },
        release: { type: 'string' },
        markdown: { type: 'boolean', default: false },
        export: { type: 'boolean', default: false },
        board: { type: 'boolean', default: false },
        config: { type: 'string' },
        db: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (values.db === '') return '--db needs a file name';
  const release = typeof values.release === 'string' ? values.release.trim() : null;
  if (release !== null && !/^v\d+\.\d+$/.test(release))
    return `--release ${release} is not a release name like v1.35`;
  return {
    sig: typeof values.sig === 'string' ? values.sig.trim() : null,
    release,
    markdown: values.markdown === true,
    export: values.export === true,
    board: values.board === true,
    config: values.config as string | undefined,
    db: values.db as string | undefined,
  };
}

/** The config when it loads (for the release and coding period); null otherwise (the flags suffice). */
export async function loadOptionalConfig(args: PlanningCliArgs, io: CliIo): Promise<ResolvedConfig | null> {
  const file = resolve(io.cwd, chooseConfigPath(args.config, io.env));
  if (!args.config && !io.env.DRUMBEAT_CONFIG && !existsSync(file)) return null;
  const loaded = await loadConfig(file, { cwd: io.cwd });
  return loaded.ok ? loaded.config : null;
}

/** The bot's database as an in-memory copy (the file is only read, never changed), or why it cannot be read. */
export function openPlanningStore(args: PlanningCliArgs, io: CliIo): { db: Db; store: Store } | string {
  const file = resolve(io.cwd, args.db ?? io.env.DRUMBEAT_DB ?? './drumbeat.db');
  if (!existsSync(file))
    return `no database at ${file}: plans and exception requests live in the bot's database; pass --db (or set DRUMBEAT_DB)`;
  try {
    return openPreviewStore(file, systemClock.now);
  } catch (error) {
    return `cannot open the database ${file} (${error instanceof Error ? error.message : String(error)})`;
  }
}

export interface PlanningRun {
  args: PlanningCliArgs;
  release: string;
  /** The config when it loaded (null when the flags were enough). */
  config: ResolvedConfig | null;
  store: Store;
}

/**
 * The frame of `drumbeat plan`, `notes` and `exceptions`: parse the options (2 and the usage when
 * they are wrong), find the release (flag, else the config's), open the database (1 when it cannot
 * be read), run `use`, and close the database.
 */
export async function runWithPlanningStore(
  name: string,
  usage: string,
  argv: string[],
  io: CliIo,
  use: (run: PlanningRun) => number,
  check: (args: PlanningCliArgs) => string | null = () => null,
): Promise<number> {
  const parsed = parsePlanningArgs(argv);
  const problem = typeof parsed === 'string' ? parsed : check(parsed);
  if (typeof parsed === 'string' || problem) {
    io.stderr(`drumbeat ${name}: ${problem}\n\n${usage}\n`);
    return 2;
  }
  const config = await loadOptionalConfig(parsed, io);
  const release = parsed.release ?? config?.release.name ?? null;
  if (!release) {
    io.stderr(
      `drumbeat ${name}: name the release with --release (e.g. v1.35), or point --config at drumbeat.yaml\n`,
    );
    return 2;
  }
  const opened = openPlanningStore(parsed, io);
  if (typeof opened === 'string') {
    io.stderr(`drumbeat ${name}: ${opened}\n`);
    return 1;
  }
  try {
    return use({ args: parsed, release, config, store: opened.store });
  } finally {
    opened.db.close();
  }
}
