import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chooseConfigPath, loadConfig } from '../../config/load-config.ts';
import { formatProblem } from '../../config/problems.ts';
import type { Db } from '../../db/open.ts';
import type { Store } from '../../ports/store.ts';
import { exportSite } from '../../site/export-site.ts';
import { systemClock } from '../../system/system-clock.ts';
import { loadPreviewReference, openPreviewStore } from '../../wiring/preview-store.ts';
import { siteModelSettingsFrom } from '../../wiring/site.ts';
import type { CliCommand, CliIo } from '../io.ts';

const usage = `Usage: drumbeat site --out DIR [--config FILE] [--db FILE] [--now ISO]

Writes the release page as a static site: DIR/index.html (the release: calendar, KEPs by Status and
stage, burn-up, SIGs, the dependency graph), DIR/<sig-dir>/index.html for each SIG and
DIR/kep/<number>/index.html for each KEP of the release. Links are relative: publish DIR on GitHub
Pages or any static host. The pages are the ones the bot serves at /release when site.access is on,
and follow site.showNotes.
  --out DIR       the folder to write (created when missing; files in it are replaced)
  --config FILE   the config file (default: $DRUMBEAT_CONFIG, else ./drumbeat.yaml)
  --db FILE       the bot's SQLite database (default: $DRUMBEAT_DB, else ./drumbeat.db); without one,
                  the pages show the config and the KEPs of the local checkout only
  --now ISO       render as of this instant (default: now), e.g. 2025-10-13T09:00:00Z
Exit code: 0 when written, 1 when the config or database cannot be read or DIR cannot be written,
2 for bad arguments.`;

interface SiteArgs {
  out: string;
  config: string | undefined;
  db: string | undefined;
  now: Date | null;
}

function parse(args: string[]): SiteArgs | string {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        out: { type: 'string' },
        config: { type: 'string' },
        db: { type: 'string' },
        now: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (typeof values.out !== 'string' || values.out.trim() === '')
    return 'name the folder to write with --out DIR';
  if (values.db === '') return '--db needs a file name';
  let now: Date | null = null;
  if (typeof values.now === 'string') {
    const ms = Date.parse(values.now);
    if (!Number.isFinite(ms)) return `--now ${values.now} is not an ISO instant, e.g. 2025-10-13T09:00:00Z`;
    now = new Date(ms);
  }
  return {
    out: values.out,
    config: values.config as string | undefined,
    db: values.db as string | undefined,
    now,
  };
}

/** An in-memory copy of the bot's database (never changed), or an empty one when there is none. */
function openStore(args: SiteArgs, io: CliIo): { db: Db; store: Store; note: string | null } {
  const file = resolve(io.cwd, args.db ?? io.env.DRUMBEAT_DB ?? './drumbeat.db');
  const found = existsSync(file);
  const opened = openPreviewStore(found ? file : null, systemClock.now);
  const note = found
    ? null
    : `no database at ${file}: the pages show the config and the local checkout's KEPs only`;
  return { ...opened, note };
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parse(argv);
  if (typeof args === 'string') {
    io.stderr(`drumbeat site: ${args}\n\n${usage}\n`);
    return 2;
  }
  const file = resolve(io.cwd, chooseConfigPath(args.config, io.env));
  const loaded = await loadConfig(file, { cwd: io.cwd });
  if (!loaded.ok) {
    const problems = loaded.problems.map((p, i) => `  ${i + 1}. ${formatProblem(p)}`).join('\n');
    io.stderr(`drumbeat site: ${file} has ${loaded.problems.length} problem(s):\n${problems}\n`);
    return 1;
  }
  const now = args.now ?? systemClock.now();
  let opened: ReturnType<typeof openStore>;
  try {
    opened = openStore(args, io);
  } catch (error) {
    io.stderr(
      `drumbeat site: cannot open the database (${error instanceof Error ? error.message : String(error)}); check --db\n`,
    );
    return 1;
  }
  try {
    if (opened.note) io.stderr(`drumbeat site: ${opened.note}\n`);
    await loadPreviewReference(opened.store, loaded.config, now);
    const out = resolve(io.cwd, args.out);
    try {
      mkdirSync(out, { recursive: true });
    } catch (error) {
      io.stderr(
        `drumbeat site: cannot create ${out} (${error instanceof Error ? error.message : String(error)})\n`,
      );
      return 1;
    }
    const result = exportSite(opened.store, siteModelSettingsFrom(loaded.config), now, out);
    io.stdout(`Wrote ${result.pages} pages to ${out} (open ${resolve(out, 'index.html')})\n`);
    return 0;
  } finally {
    opened.db.close();
  }
}

export const siteCommand: CliCommand = {
  name: 'site',
  summary: 'write the release page (charts, SIGs, KEPs, dependency graph) as a static site',
  usage,
  run,
};
