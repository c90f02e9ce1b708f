import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseReleaseCalendar } from '../../config/import-calendar.ts';
import { ImportError } from '../../config/import-sigs.ts';
import { releaseBlock } from '../../config/release-block.ts';
import type { CliCommand, CliIo } from '../io.ts';

const usage = `Usage: drumbeat release init --calendar README.md

Prints the release-specific block of drumbeat.yaml for a kubernetes/sig-release
releases/release-1.NN/README.md: release.name, release.calendar.import, release.codingPeriod (from
the cycle start) and a planning.readoutAt suggestion, to paste over the old release's values.
  --calendar FILE  the release README (printed as given: adjust it to be relative to the config)
Calendar warnings go to stderr. Exit code: 0 when printed, 1 when the README gives no release or
cycle, 2 for bad arguments.`;

function fail(io: CliIo, message: string, code: number): number {
  io.stderr(`drumbeat release: ${message}\n`);
  return code;
}

function readArgs(args: string[]): { calendar: string } | string {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { calendar: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1 || positionals[0] !== 'init') return 'expected the subcommand "init"';
    if (!values.calendar) return '--calendar is required';
    return { calendar: values.calendar };
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function init(calendar: string, io: CliIo): Promise<number> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, calendar), 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(io, `cannot read ${calendar} (${reason}); pass a releases/release-1.NN/README.md`, 1);
  }
  try {
    const imported = parseReleaseCalendar(text, calendar);
    for (const warning of imported.warnings) io.stderr(`${warning.source}: ${warning.message}\n`);
    const block = releaseBlock(imported, calendar);
    if (!block.ok) return fail(io, block.message, 1);
    io.stdout(block.text);
    return 0;
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    return fail(io, error.message, 1);
  }
}

export const releaseCommand: CliCommand = {
  name: 'release',
  summary: 'release init --calendar README.md: print the release block of drumbeat.yaml to paste in',
  usage,
  async run(args, io) {
    const parsed = readArgs(args);
    if (typeof parsed === 'string') return fail(io, `${parsed}\n\n${usage}`, 2);
    return init(parsed.calendar, io);
  },
};
