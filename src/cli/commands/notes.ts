import { buildReleaseNotes } from '../../app/build-release-notes.ts';
import { renderReleaseNotes } from '../../domain/plan-text.ts';
import type { CliCommand, CliIo } from '../io.ts';
import { runWithPlanningStore } from './planning-cli.ts';

const usage = `Usage: drumbeat notes [--release vX.Y] [--markdown] [--config FILE] [--db FILE]

Prints the release-notes draft of the planned, approved work: per SIG, each committed KEP with its
stage and release-note line, marking what was dropped or excepted since the plan was approved.
  --release vX.Y  the release (default: the config's release.name)
  --markdown      Markdown instead of terminal text
  --config FILE   the config file (default: $DRUMBEAT_CONFIG, else ./drumbeat.yaml)
  --db FILE       the bot's SQLite database (default: $DRUMBEAT_DB, else ./drumbeat.db); only read
Exit code: 0 when printed, 1 when the database cannot be read, 2 for bad arguments.`;

function run(args: string[], io: CliIo): Promise<number> {
  return runWithPlanningStore('notes', usage, args, io, ({ args: parsed, release, store }) => {
    io.stdout(renderReleaseNotes(buildReleaseNotes(store, release), { markdown: parsed.markdown }));
    return 0;
  });
}

export const notesCommand: CliCommand = {
  name: 'notes',
  summary: 'print the release-notes draft of the approved plan (terminal text or Markdown)',
  usage,
  run,
};
