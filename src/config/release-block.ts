/**
 * The release-specific part of `drumbeat.yaml`, written from a release README: what changes when the
 * config is retargeted to the next release (name, calendar, coding period, planning readout).
 */
import { codingIncrements, describeCycle, type ReleaseCycle, releaseCycle } from '../domain/release-cycle.ts';
import type { CalendarMilestone } from '../domain/types.ts';
import type { CalendarImport } from './import-calendar.ts';

const dayMs = 86_400_000;
const weeksPerIncrement = 2;

/** 16:00 UTC two days before PRR Freeze (else Enhancements Freeze); null without either. */
export function suggestReadout(milestones: readonly CalendarMilestone[]): string | null {
  const freeze =
    milestones.find((m) => m.kind === 'prr-freeze') ??
    milestones.find((m) => m.kind === 'enhancements-freeze');
  const day = freeze?.date ?? freeze?.at?.slice(0, 10);
  if (!day) return null;
  const readout = new Date(Date.parse(`${day}T16:00:00Z`) - 2 * dayMs);
  return readout.toISOString().replace('.000Z', 'Z');
}

function codingLines(cycle: ReleaseCycle): string[] {
  const increments = codingIncrements(cycle, weeksPerIncrement);
  const until = cycle.codeFreeze ? `Code Freeze (${cycle.codeFreeze})` : `the release (${cycle.release})`;
  return [
    '  codingPeriod:',
    `    # From the cycle start; ${increments} increments of ${weeksPerIncrement} weeks reach ${until}.`,
    `    start: ${cycle.start}`,
    `    increments: ${increments}`,
    `    weeksPerIncrement: ${weeksPerIncrement}`,
  ];
}

function readoutLines(milestones: readonly CalendarMilestone[]): string[] {
  const readout = suggestReadout(milestones);
  if (readout === null) return [];
  return [
    'planning:',
    '  # A suggestion: two days before PRR Freeze, 16:00 UTC. Set it to the planning meeting.',
    `  readoutAt: "${readout}"`,
  ];
}

/** `dir/README.md` → `./dir/README.md`, as the example config writes paths. */
function asRelative(path: string): string {
  return path.startsWith('/') || path.startsWith('.') ? path : `./${path}`;
}

export type ReleaseBlock = { ok: true; text: string } | { ok: false; message: string };

/** The block to paste, or why the README cannot give one. `calendarPath` is printed as given. */
export function releaseBlock(calendar: CalendarImport, calendarPath: string): ReleaseBlock {
  if (calendar.release === null)
    return { ok: false, message: `${calendarPath} names no release (vMAJOR.MINOR) in its title` };
  const cycle = releaseCycle(calendar.milestones);
  if (cycle === null)
    return {
      ok: false,
      message: `${calendarPath} has no dated "Start of Release Cycle" and release rows, so its cycle is unknown`,
    };
  const lines = [
    `# drumbeat.yaml for ${calendar.release}, from ${calendarPath}: cycle ${describeCycle(cycle)}.`,
    '# Replace these keys in your config; paths are relative to the config file, so adjust the import.',
    'release:',
    `  name: ${calendar.release}`,
    '  calendar:',
    `    import: ${JSON.stringify(asRelative(calendarPath))}`,
    ...codingLines(cycle),
    ...readoutLines(calendar.milestones),
  ];
  return { ok: true, text: `${lines.join('\n')}\n` };
}
