import { parseArgs } from 'node:util';
import { chooseConfigPath, type LoadResult, loadConfig } from '../../config/load-config.ts';
import { formatProblem } from '../../config/problems.ts';
import type { ResolvedConfig } from '../../config/resolved-config.ts';
import type { CalendarMilestone } from '../../domain/types.ts';
import { systemClock } from '../../system/system-clock.ts';
import type { CliCommand, CliIo } from '../io.ts';

const usage = `Usage: drumbeat check [--config FILE] [--now ISO-INSTANT] [--verbose]

Validates drumbeat.yaml and the files it imports, and prints every problem at once.
  --config FILE   the config file (default: $DRUMBEAT_CONFIG, else ./drumbeat.yaml)
  --now INSTANT   list the milestones after this instant instead of now (e.g. 2025-10-01T00:00:00Z)
  --verbose       list every SIG and every warning
Exit code: 0 when the config is valid (warnings allowed), 1 when it has problems, 2 for bad arguments.`;

const shownWarnings = 10;
const shownMilestones = 3;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function describeMilestone(m: CalendarMilestone): string {
  const when = m.at
    ? `${m.at.slice(0, 10)} ${m.at.slice(11, 16)} UTC${m.aoe ? ' (AoE)' : ''}`
    : `${m.date}${m.endDate ? ` to ${m.endDate}` : ''}`;
  return `${when}  ${m.name}${m.kind ? ` [${m.kind}]` : ''}`;
}

/** Not over yet: an instant still ahead, or a day (or range) that has not ended in UTC. */
function isUpcoming(m: CalendarMilestone, now: Date): boolean {
  if (m.at !== null) return Date.parse(m.at) >= now.getTime();
  return (m.endDate ?? m.date ?? '') >= now.toISOString().slice(0, 10);
}

function milestoneLines(config: ResolvedConfig, now: Date): string[] {
  const { milestones } = config.release;
  const upcoming = milestones.filter((m) => isUpcoming(m, now));
  const head = `Release ${config.release.name}: ${plural(milestones.length, 'milestone')}`;
  if (upcoming.length === 0) return [`${head}; all are past.`];
  return [`${head}; next:`, ...upcoming.slice(0, shownMilestones).map((m) => `    ${describeMilestone(m)}`)];
}

function sigLines(config: ResolvedConfig, verbose: boolean): string[] {
  const { sigs } = config;
  const withChannel = sigs.filter((s) => s.channel !== null).length;
  const withFacilitators = sigs.filter((s) => s.facilitators.length > 0).length;
  const lines = [
    `SIGs: ${sigs.length} configured, ${withChannel} with a channel, ${withFacilitators} with facilitators`,
  ];
  const shown = verbose ? sigs : sigs.filter((s) => s.facilitators.length > 0);
  for (const sig of shown) {
    const facilitators = sig.facilitators.length > 0 ? `, facilitators: ${sig.facilitators.join(', ')}` : '';
    lines.push(`    ${sig.dir} → ${sig.channel ?? '(no channel)'}${facilitators}`);
  }
  return lines;
}

function warningLines(result: Extract<LoadResult, { ok: true }>, verbose: boolean): string[] {
  const { warnings } = result;
  if (warnings.length === 0) return ['Warnings: none'];
  const shown = verbose ? warnings : warnings.slice(0, shownWarnings);
  const lines = [`Warnings: ${warnings.length}`, ...shown.map((w, i) => `  ${i + 1}. ${formatProblem(w)}`)];
  if (shown.length < warnings.length)
    lines.push(`  … ${warnings.length - shown.length} more (run with --verbose to see all)`);
  return lines;
}

function printValid(
  file: string,
  result: Extract<LoadResult, { ok: true }>,
  now: Date,
  verbose: boolean,
  io: CliIo,
) {
  const { config } = result;
  const lines = [
    `${file}: OK`,
    ...milestoneLines(config, now),
    ...sigLines(config, verbose),
    `People: ${config.people.length}; release lead: ${config.release.lead?.github ?? '(none)'}`,
    ...warningLines(result, verbose),
  ];
  io.stdout(`${lines.join('\n')}\n`);
}

function printProblems(file: string, result: Extract<LoadResult, { ok: false }>, io: CliIo): void {
  const { problems, warnings = [] } = result;
  const lines = problems.map((p, i) => `${i + 1}. ${formatProblem(p)}`);
  if (warnings.length > 0)
    lines.push(`Warnings (${warnings.length}):`, ...warnings.map((w) => `  - ${formatProblem(w)}`));
  const count = `${file}: ${plural(problems.length, 'problem')}; fix ${problems.length === 1 ? 'it' : 'them'} and run \`drumbeat check\` again.`;
  io.stderr(`${lines.join('\n')}\n${count}\n`);
}

function parseCheckArgs(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      config: { type: 'string' },
      now: { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  return values;
}

function parseNow(text: string | undefined): Date | null {
  if (text === undefined) return systemClock.now();
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms);
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'validate drumbeat.yaml and its imports; print every problem at once',
  usage,
  run: async (args, io) => {
    let values: ReturnType<typeof parseCheckArgs>;
    try {
      values = parseCheckArgs(args);
    } catch (error) {
      io.stderr(`drumbeat check: ${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
      return 2;
    }
    const now = parseNow(values.now);
    if (now === null) {
      io.stderr(
        `drumbeat check: --now expects an ISO-8601 instant such as 2025-10-01T00:00:00Z, got "${values.now}"\n`,
      );
      return 2;
    }
    const file = chooseConfigPath(values.config, io.env);
    const result = await loadConfig(file, { cwd: io.cwd });
    if (!result.ok) {
      printProblems(file, result, io);
      return 1;
    }
    printValid(file, result, now, values.verbose, io);
    return 0;
  },
};
