import { dayInCycle, describeCycle, type ReleaseCycle, releaseCycle } from '../domain/release-cycle.ts';
import type { CalendarMilestone } from '../domain/types.ts';
import { parseReleaseCalendar } from './import-calendar.ts';
import { type Reporter, type ResolveContext, readImport, runImporter } from './resolve-context.ts';
import type { ConfigInput, MilestoneInput } from './schema.ts';
import { normalizeInstant } from './value-formats.ts';

const day = 86_400_000;

/** An inline milestone in the importer's shape. An AoE day ends at 12:00 UTC the next day. */
function fromInline(m: MilestoneInput): CalendarMilestone {
  const base = { name: m.name, kind: m.kind ?? null, who: m.who ?? null, week: m.week ?? null };
  if (m.at !== undefined) {
    return { ...base, at: normalizeInstant(m.at), date: null, endDate: null, aoe: false };
  }
  if (m.aoe && m.date !== undefined) {
    const at = new Date(Date.parse(`${m.date}T12:00:00Z`) + day).toISOString().replace('.000Z', 'Z');
    return { ...base, at, date: null, endDate: m.endDate ?? null, aoe: true };
  }
  return { ...base, at: null, date: m.date ?? null, endDate: m.endDate ?? null, aoe: false };
}

/** When a milestone happens, as an ISO instant (a day-only milestone counts from 00:00 UTC). */
export function milestoneInstant(m: CalendarMilestone): string {
  return m.at ?? `${m.date ?? '9999-12-31'}T00:00:00Z`;
}

function importCalendar(release: ConfigInput['release'], ctx: ResolveContext, reporter: Reporter) {
  const relative = release.calendar.import;
  if (relative === undefined) return [];
  const keyPath = ['release', 'calendar', 'import'];
  const file = readImport(ctx, reporter, keyPath, relative);
  if (!file) return [];
  const imported = runImporter(reporter, keyPath, file.display, () =>
    parseReleaseCalendar(file.text, file.display),
  );
  if (!imported) return [];
  for (const warning of imported.warnings) reporter.importWarning(keyPath, warning);
  if (imported.release !== null && imported.release !== release.name) {
    reporter.error(
      ['release', 'name'],
      `"${release.name}" differs from the imported calendar's release "${imported.release}" (${file.display}); set release.name to ${imported.release}, or import the ${release.name} README`,
    );
  }
  if (imported.milestones.length === 0)
    reporter.error(keyPath, `${file.display} has no milestones in its Timeline table`);
  return imported.milestones;
}

/** The imported calendar's cycle, as messages name it. */
export interface ImportedCycle extends ReleaseCycle {
  /** `v1.35 cycle 2025-09-15 to 2025-12-18 (release 2025-12-17)`. */
  text: string;
}

function cycleOf(release: ConfigInput['release'], imported: CalendarMilestone[]): ImportedCycle | null {
  const cycle = releaseCycle(imported);
  return cycle && { ...cycle, text: `the imported ${release.name} cycle, ${describeCycle(cycle)}` };
}

/** Inline milestones must fall in the imported cycle (a copied config keeps old dates). */
function checkInline(release: ConfigInput['release'], cycle: ImportedCycle, reporter: Reporter): void {
  (release.calendar.milestones ?? []).forEach((m, i) => {
    const day = m.date ?? (m.at !== undefined ? normalizeInstant(m.at).slice(0, 10) : null);
    if (day === null || dayInCycle(cycle, day)) return;
    reporter.error(
      ['release', 'calendar', 'milestones', i, m.date !== undefined ? 'date' : 'at'],
      `"${m.name}" on ${day} is outside ${cycle.text}; was it copied from another release?`,
    );
  });
}

/** The release calendar: imported milestones, then inline ones, in time order. */
export function resolveCalendar(
  release: ConfigInput['release'],
  ctx: ResolveContext,
  reporter: Reporter,
): { milestones: CalendarMilestone[]; cycle: ImportedCycle | null } {
  const imported = importCalendar(release, ctx, reporter);
  const cycle = cycleOf(release, imported);
  if (cycle) checkInline(release, cycle, reporter);
  const milestones = [...imported, ...(release.calendar.milestones ?? []).map(fromInline)];
  if (milestones.length === 0 && release.calendar.import === undefined) {
    reporter.error(['release', 'calendar', 'milestones'], 'expected at least one milestone');
  }
  const alerted = new Set<string>(release.alerts.kinds);
  if (milestones.length > 0 && !milestones.some((m) => m.kind !== null && alerted.has(m.kind))) {
    reporter.warn(
      ['release', 'alerts', 'kinds'],
      'no milestone in the calendar has one of these kinds: no deadline alerts will be sent',
    );
  }
  const sorted = milestones
    .map((m, i) => ({ m, i, at: milestoneInstant(m) }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.i - b.i))
    .map(({ m }) => m);
  return { milestones: sorted, cycle };
}
