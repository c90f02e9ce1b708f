import { buildReleaseNotes } from '../../app/build-release-notes.ts';
import { renderReleaseNotes } from '../../domain/plan-text.ts';
import type { CliCommand, CliIo } from '../io.ts';
import { loadOptionalConfig, openPlanningStore, parsePlanningArgs } from './planning-cli.ts';

const usage = `Usage: drumbeat notes [--release vX.Y] [--markdown] [--config FILE] [--db FILE]

Prints the release-notes draft of the planned, approved work: per SIG, each committed KEP with its
stage and release-note line, marking what was dropped or excepted since the plan was approved.
  --release vX.Y  the release (default: the config's release.name)
  --markdown      Markdown instead of terminal text
  --config FILE   the config file (default: $DRUMBEAT_CONFIG, else ./drumbeat.yaml)
  --db FILE       the bot's SQLite database (default: $DRUMBEAT_DB, else ./drumbeat.db)
Exit code: 0 when printed, 1 when the database cannot be read, 2 for bad arguments.`;

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parsePlanningArgs(args);
  if (typeof parsed === 'string') {
    io.stderr(`drumbeat notes: ${parsed}\n\n${usage}\n`);
    return 2;
  }
  const release = parsed.release ?? (await loadOptionalConfig(parsed, io))?.release.name ?? null;
  if (!release) {
    io.stderr(
      'drumbeat notes: name the release with --release (e.g. v1.35), or point --config at drumbeat.yaml\n',
    );
    return 2;
  }
  const opened = openPlanningStore(parsed, io);
  if (typeof opened === 'string') {
    io.stderr(`drumbeat notes: ${opened}\n`);
    return 1;
  }
  try {
    io.stdout(renderReleaseNotes(buildReleaseNotes(opened.store, release), { markdown: parsed.markdown }));
    return 0;
  } finally {
    opened.db.close();
  }
}

export const notesCommand: CliCommand = {
  name: 'notes',
  summary: 'print the release-notes draft of the approved plan (terminal text or Markdown)',
  usage,
  run,
};
