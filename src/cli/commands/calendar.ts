import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type CalendarImport, parseReleaseCalendar } from '../../config/import-calendar.ts';
import { ImportError } from '../../config/import-sigs.ts';
import { formatTextTable } from '../../domain/text-table.ts';
import type { CalendarMilestone } from '../../domain/types.ts';
import type { CliCommand, CliIo } from '../io.ts';

const usage = `Usage: drumbeat calendar --from README.md [--json]

Reads the Timeline table of a kubernetes/sig-release releases/release-1.NN/README.md.
  --from FILE     the release README
  --json          one JSON object per Timeline row per line (warnings still go to stderr)`;

function milestoneJsonLine(release: string | null, m: CalendarMilestone): string {
  const { name, kind, who, week, at, date, endDate, aoe } = m;
  return JSON.stringify({ release, name, kind, who, week, at, date, endDate, aoe });
}

function whenText(m: CalendarMilestone): string {
  const when = m.at ?? m.date ?? '?';
  const range = m.endDate ? ` … ${m.endDate}` : '';
  return `${when}${range}${m.aoe ? ' (AoE)' : ''}`;
}

function calendarTable(result: CalendarImport): string {
  const rows = result.milestones.map((m) => [
    whenText(m),
    m.week === null ? '-' : String(m.week),
    m.kind ?? '-',
    m.name,
  ]);
  return formatTextTable(['WHEN (UTC)', 'WEEK', 'KIND', 'WHAT'], rows);
}

function parse(args: string[], io: CliIo): { from: string; json: boolean } | null {
  try {
    const { values } = parseArgs({
      args,
      options: { from: { type: 'string' }, json: { type: 'boolean', default: false } },
      strict: true,
    });
    if (!values.from) throw new Error('--from is required');
    return { from: values.from, json: values.json };
  } catch (error) {
    io.stderr(`drumbeat calendar: ${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    return null;
  }
}

async function run(args: string[], io: CliIo): Promise<number> {
  const options = parse(args, io);
  if (!options) return 2;
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, options.from), 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr(
      `drumbeat calendar: cannot read ${options.from} (${reason}); pass a kubernetes/sig-release releases/release-1.NN/README.md\n`,
    );
    return 1;
  }
  let result: CalendarImport;
  try {
    result = parseReleaseCalendar(text, options.from);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    io.stderr(`drumbeat calendar: ${error.message}\n`);
    return 1;
  }
  for (const warning of result.warnings) io.stderr(`${warning.source}: ${warning.message}\n`);
  if (options.json) {
    io.stdout(result.milestones.map((m) => `${milestoneJsonLine(result.release, m)}\n`).join(''));
    return 0;
  }
  const title = `Release ${result.release ?? '(unknown)'}\n`;
  io.stdout(
    `${title}${calendarTable(result)}\n${result.milestones.length} milestones, ${result.warnings.length} warnings\n`,
  );
  return 0;
}

export const calendarCommand: CliCommand = {
  name: 'calendar',
  summary: 'list the milestones of a kubernetes/sig-release release README (--json for JSON lines)',
  usage,
  run,
};
