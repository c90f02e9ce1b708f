import { stringify } from 'yaml';
import { exportExceptions } from '../../app/export-exceptions.ts';
import { type BoardExceptionView, listBoardExceptions } from '../../app/list-board-exceptions.ts';
import { boardExceptionLine } from '../../domain/board-exception.ts';
import { freezeNames } from '../../domain/exception.ts';
import type { CliCommand, CliIo } from '../io.ts';
import { type PlanningRun, runWithPlanningStore } from './planning-cli.ts';

const usage = `Usage: drumbeat exceptions [--export | --board] [--release vX.Y] [--config FILE] [--db FILE]

Lists the release's exception requests made in Slack; with --export, prints the decided ones in the
shape of kubernetes/sig-release's releases/release-1.NN/exceptions.yaml (enhancementFreeze,
codeFreeze, docsFreeze) for releases before v1.36, ready to paste. Open requests are not exported
(they have no review date yet). From v1.36 the release team keeps requests on the tracking board:
--board prints the board's Exception Requests view as last synced (github.board in the config),
marking requests Slack has not seen and Slack requests the board does not carry yet.
  --export        print exceptions.yaml
  --board         print the board's exception requests (needs github.board and a synced database)
  --release vX.Y  the release (default: the config's release.name)
  --config FILE   the config file (default: $DRUMBEAT_CONFIG, else ./drumbeat.yaml)
  --db FILE       the bot's SQLite database (default: $DRUMBEAT_DB, else ./drumbeat.db); only read
Exit code: 0 when printed, 1 when the database cannot be read, 2 for bad arguments.`;

function run(args: string[], io: CliIo): Promise<number> {
  return runWithPlanningStore(
    'exceptions',
    usage,
    args,
    io,
    ({ args: parsed, release, store, config }) => {
      if (parsed.board) return printBoard(config, store, release, io);
      if (parsed.export) {
        const { file, open } = exportExceptions(store, release);
        const header = `# Exception requests in ${release}\n# Exported by drumbeat${open > 0 ? `; ${open} request(s) still open are not listed` : ''}\n\n`;
        io.stdout(header + (Object.keys(file).length > 0 ? stringify(file, { lineWidth: 0 }) : '{}\n'));
        return 0;
      }
      const requests = store.planning.listExceptions(release);
      if (requests.length === 0) io.stdout(`No exception requests for ${release}.\n`);
      for (const r of requests)
        io.stdout(
          `#${r.id} KEP-${r.kep} ${r.kepTitle} · ${freezeNames[r.freeze]} · asked ${r.requestedAt.slice(0, 10)} · ${r.status}${r.decidedAt ? ` ${r.decidedAt.slice(0, 10)}` : ''}\n`,
        );
      return 0;
    },
    (args) => (args.board && args.export ? '--board and --export exclude each other' : null),
  );
}

function printBoard(
  config: PlanningRun['config'],
  store: PlanningRun['store'],
  release: string,
  io: CliIo,
): number {
  const board = config?.github.board;
  if (!board) {
    io.stderr(
      'drumbeat exceptions: --board needs github.board in the config (point --config at drumbeat.yaml)\n',
    );
    return 2;
  }
  const key = `${board.org}/${board.number}`;
  io.stdout(boardText(listBoardExceptions(store, { key, names: board.fields }, release), key, release));
  return 0;
}

function boardText(view: BoardExceptionView, key: string, release: string): string {
  const lines = [`Exception requests on the board ${key} (as last synced) for ${release}:`];
  if (view.onBoard.length === 0) lines.push('  none');
  for (const e of view.onBoard)
    lines.push(
      `  ${boardExceptionLine(e)}${e.inSlack ? ` · Slack request #${e.inSlack.id}` : ' · not requested in Slack'}`,
    );
  if (view.slackOnly.length > 0) lines.push('Requested in Slack, not on the board yet:');
  for (const r of view.slackOnly)
    lines.push(
      `  #${r.id} KEP-${r.kep} ${freezeNames[r.freeze]} · ${r.status} · asked ${r.requestedAt.slice(0, 10)}`,
    );
  return `${lines.join('\n')}\n`;
}

export const exceptionsCommand: CliCommand = {
  name: 'exceptions',
  summary: "list exception requests, or export them as sig-release's exceptions.yaml",
  usage,
  run,
};
