/**
 * When a release's satisfaction pulse runs: it opens at the configured instant, by default the day
 * after the release's `release` milestone, and accepts answers (and changes) for `openForMs`. Pure.
 */
import type { CalendarMilestone } from './types.ts';

const dayMs = 86_400_000;

export interface PulseWindow {
  opensAt: Date;
  closesAt: Date;
}

/** The release milestone's instant (its `at`, or its date at 00:00 UTC); null when the calendar has none. */
export function releaseInstant(calendar: readonly CalendarMilestone[]): Date | null {
  const release = calendar.filter((m) => m.kind === 'release').at(-1);
  if (!release) return null;
  const at = release.at ?? (release.date ? `${release.date}T00:00:00.000Z` : null);
  return at ? new Date(at) : null;
}

/** The pulse's window, or null when neither `pulseAt` nor a release milestone says when. */
export function pulseWindow(
  calendar: readonly CalendarMilestone[],
  pulseAt: string | null,
  openForMs: number,
): PulseWindow | null {
  const released = releaseInstant(calendar);
  const opensAt = pulseAt ? new Date(pulseAt) : released ? new Date(released.getTime() + dayMs) : null;
  if (!opensAt) return null;
  return { opensAt, closesAt: new Date(opensAt.getTime() + openForMs) };
}

/** GitHub logins asked in the pulse: the release lead and team, every SIG's facilitators and chairs. */
export function pulseInvitees(input: {
  lead: string | null;
  team: readonly string[];
  sigs: ReadonlyArray<{ facilitators: readonly string[]; chairs: readonly string[] }>;
}): string[] {
  const all = [
    ...(input.lead ? [input.lead] : []),
    ...input.team,
    ...input.sigs.flatMap((s) => [...s.facilitators, ...s.chairs]),
  ];
  const seen = new Map<string, string>();
  for (const login of all) if (!seen.has(login.toLowerCase())) seen.set(login.toLowerCase(), login);
  return [...seen.values()];
}

/** Reads a score from a button value `v1.35:7`; null for anything else. */
export function readPulseScore(value: string): { release: string; score: number } | null {
  const match = /^(v\d+\.\d+):(\d{1,2})$/.exec(value);
  if (!match) return null;
  const score = Number(match[2]);
  return score <= 10 ? { release: match[1] ?? '', score } : null;
}
