import { type CalendarImport, parseReleaseCalendar } from '../../config/import-calendar.ts';
import { formatTextTable } from '../../domain/text-table.ts';
import type { CalendarMilestone } from '../../domain/types.ts';
import { fileImportCommand } from '../file-import-command.ts';

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

export const calendarCommand = fileImportCommand<CalendarImport>({
  name: 'calendar',
  summary: 'list the milestones of a kubernetes/sig-release release README (--json for JSON lines)',
  usage,
  expected: 'a kubernetes/sig-release releases/release-1.NN/README.md',
  read: parseReleaseCalendar,
  jsonLines: (result) => result.milestones.map((m) => milestoneJsonLine(result.release, m)),
  table: (result) =>
    `Release ${result.release ?? '(unknown)'}\n${calendarTable(result)}\n${result.milestones.length} milestones, ${result.warnings.length} warnings\n`,
});
