import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDigest, digestPass } from '../../app/build-digest.ts';
import { chooseConfigPath, loadConfig } from '../../config/load-config.ts';
import { formatProblem } from '../../config/problems.ts';
import type { Db } from '../../db/open.ts';
import { renderDigest } from '../../domain/digest-markdown.ts';
import { repoLinksFor } from '../../domain/repo-links.ts';
import { suggestSigDir } from '../../domain/sig-names.ts';
import type { Store } from '../../ports/store.ts';
import { systemClock } from '../../system/system-clock.ts';
import { digestSettingsFrom } from '../../wiring/digest.ts';
import { loadPreviewReference, openPreviewStore } from '../../wiring/preview-store.ts';
import type { CliCommand, CliIo } from '../io.ts';

const usage = `Usage: drumbeat digest (--sig DIR | --all) [--markdown] [--config FILE] [--db FILE] [--now ISO]

Prints the weekly digest a SIG's chairs would get now: KEPs by stage and state, what changed since
the last digest sent, blocked and at-risk KEPs, stale KEPs, deadlines in the next 14 days, votes,
commit confidence against the caps and the facilitators' response to drumbeat rounds.
  --sig DIR       the SIG, by its dir (e.g. sig-node)
  --all           every SIG the config runs, one after the other
  --markdown      Markdown (to paste into a doc or an issue) instead of terminal text
  --config FILE   the config file (default: $DRUMBEAT_CONFIG, else ./drumbeat.yaml)
  --db FILE       the bot's SQLite database (default: $DRUMBEAT_DB, else ./drumbeat.db), only read:
                  never changed; without one, the digest shows the config and the local checkout's
                  KEPs only
  --now ISO       render as of this instant (default: now), e.g. 2025-10-13T09:00:00Z
Exit code: 0 when printed, 1 when the config or database cannot be read, 2 for bad arguments.`;

interface DigestArgs {
  sig: string | null;
  all: boolean;
  markdown: boolean;
  config: string | undefined;
  db: string | undefined;
  now: Date | null;
}

function parse(args: string[]): DigestArgs | string {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        sig: { type: 'string' },
        all: { type: 'boolean', default: false },
        markdown: { type: 'boolean', default: false },
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
  const sig = typeof values.sig === 'string' ? values.sig.trim() : null;
  if (!sig && !values.all) return 'name a SIG with --sig (e.g. --sig sig-node) or pass --all';
  if (sig && values.all) return 'pass either --sig or --all, not both';
  let now: Date | null = null;
  if (typeof values.now === 'string') {
    const ms = Date.parse(values.now);
    if (!Number.isFinite(ms)) return `--now ${values.now} is not an ISO instant, e.g. 2025-10-13T09:00:00Z`;
    now = new Date(ms);
  }
  if (values.db === '') return '--db needs a file name';
  return {
    sig,
    all: values.all === true,
    markdown: values.markdown === true,
    config: values.config as string | undefined,
    db: values.db as string | undefined,
    now,
  };
}

/**
 * The bot's database as an in-memory copy (read-only on disk), or an empty store when there is no
 * database file, with a note saying so.
 */
function openStore(args: DigestArgs, io: CliIo): { db: Db; store: Store; note: string | null } {
  const file = resolve(io.cwd, args.db ?? io.env.DRUMBEAT_DB ?? './drumbeat.db');
  const found = existsSync(file);
  const opened = openPreviewStore(found ? file : null, systemClock.now);
  const note = found ? null : `no database at ${file}: showing the config and the local checkout's KEPs only`;
  return { ...opened, note };
}

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parse(args);
  if (typeof parsed === 'string') {
    io.stderr(`drumbeat digest: ${parsed}\n\n${usage}\n`);
    return 2;
  }
  const file = resolve(io.cwd, chooseConfigPath(parsed.config, io.env));
  const loaded = await loadConfig(file, { cwd: io.cwd });
  if (!loaded.ok) {
    const problems = loaded.problems.map((p, i) => `  ${i + 1}. ${formatProblem(p)}`).join('\n');
    io.stderr(`drumbeat digest: ${file} has ${loaded.problems.length} problem(s):\n${problems}\n`);
    return 1;
  }
  const config = loaded.config;
  const settings = digestSettingsFrom(config);
  const chosen = parsed.all ? settings.sigs : settings.sigs.filter((s) => s.dir === parsed.sig);
  if (chosen.length === 0) {
    const hint = suggestSigDir(parsed.sig ?? '', new Set(settings.sigs.map((s) => s.dir)));
    io.stderr(
      `drumbeat digest: ${parsed.sig} is not a SIG the config runs${hint ? `; did you mean ${hint}?` : ''} (known: ${settings.sigs.map((s) => s.dir).join(', ')})\n`,
    );
    return 2;
  }
  const now = parsed.now ?? systemClock.now();
  let opened: ReturnType<typeof openStore>;
  try {
    opened = openStore(parsed, io);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr(`drumbeat digest: cannot read the database (${reason}); check --db\n`);
    return 1;
  }
  try {
    if (opened.note) io.stderr(`drumbeat digest: ${opened.note}\n`);
    await loadPreviewReference(opened.store, config, now);
    const repo = repoLinksFor(config.github.repo);
    const pass = digestPass(opened.store, settings.release, now);
    const texts = chosen.map((sig) => {
      const digest = buildDigest(
        opened.store,
        { settings, sig, now, channel: opened.store.sigs.get(sig.dir)?.channelId ?? null },
        pass,
      );
      return renderDigest(digest, repo, parsed.markdown ? 'markdown' : 'text');
    });
    io.stdout(texts.join(parsed.markdown ? '\n---\n\n' : '\n\n'));
    return 0;
  } finally {
    opened.db.close();
  }
}

export const digestCommand: CliCommand = {
  name: 'digest',
  summary: "preview a SIG's weekly digest (terminal text or Markdown), as its chairs would get it now",
  usage,
  run,
};
