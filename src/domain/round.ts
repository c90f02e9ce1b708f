/**
 * Drumbeat rounds: a round opens on a SIG's cadence with a parent message listing its KEPs, nudges
 * facilitators who have not updated by `nudgeAt`, and closes at `closeAt` with a summary of who
 * updated, what changed, which KEPs are stale (no update during the whole round) and who was away.
 */
import type { KepState } from './kep-state.ts';
import type { StatusUpdate } from './status.ts';

/** When a round opened at `openAt` nudges and closes. */
export interface RoundTimes {
  openAt: Date;
  nudgeAt: Date;
  closeAt: Date;
}

export function roundTimes(openAt: Date, nudgeAfterMs: number, closeAfterMs: number): RoundTimes {
  return {
    openAt,
    nudgeAt: new Date(openAt.getTime() + nudgeAfterMs),
    closeAt: new Date(openAt.getTime() + closeAfterMs),
  };
}

/** The stem of every outbox key of a round: `round:<sig>:<scheduled instant, ISO>`. */
export function roundKey(sig: string, scheduledFor: Date): string {
  return `round:${sig}:${scheduledFor.toISOString()}`;
}

/** A KEP's latest state when the round opened. */
export interface RoundSnapshotEntry {
  state: KepState | null;
  updateId: number | null;
}

/** A facilitator as a round sees them. */
export interface RoundPerson {
  github: string;
  slack: string | null;
}

/** Did this person write this update? (Slack id, or GitHub login ignoring case.) */
export function isAuthor(
  update: Pick<StatusUpdate, 'authorSlack' | 'authorGithub'>,
  person: RoundPerson,
): boolean {
  if (person.slack !== null && update.authorSlack === person.slack) return true;
  return update.authorGithub !== null && update.authorGithub.toLowerCase() === person.github.toLowerCase();
}

/** A KEP as a round lists it. */
export interface RoundKep {
  path: string;
  number: number;
  title: string;
}

export interface RoundSummaryInput {
  keps: readonly RoundKep[];
  snapshot: Readonly<Record<string, RoundSnapshotEntry>>;
  /** Every update of the SIG's KEPs made while the round was open, oldest first. */
  updates: readonly StatusUpdate[];
  facilitators: readonly RoundPerson[];
  /** Facilitators who were out of office during the round, with until when. */
  away: ReadonlyArray<{ github: string; until: string }>;
}

export interface RoundSummary {
  /** Everyone who posted an update, with how many, in order of their first update. */
  updatedBy: Array<{ slack: string; github: string | null; count: number }>;
  /** KEPs whose state at close differs from the state at open (`from` null: first report). */
  changes: Array<{ kep: RoundKep; from: KepState | null; to: KepState }>;
  /** KEPs with no update during the whole round. */
  stale: RoundKep[];
  /** Facilitators who neither updated nor were away. */
  missing: RoundPerson[];
  away: Array<{ github: string; slack: string | null; until: string }>;
}

/** What happened during a round, from the updates made while it was open. */
export function summariseRound(input: RoundSummaryInput): RoundSummary {
  const updatedBy = new Map<string, { slack: string; github: string | null; count: number }>();
  const latest = new Map<string, StatusUpdate>();
  for (const u of input.updates) {
    const entry = updatedBy.get(u.authorSlack) ?? { slack: u.authorSlack, github: u.authorGithub, count: 0 };
    entry.count += 1;
    updatedBy.set(u.authorSlack, entry);
    latest.set(u.kepPath, u);
  }
  const changes: RoundSummary['changes'] = [];
  const stale: RoundKep[] = [];
  for (const kep of input.keps) {
    const now = latest.get(kep.path);
    if (!now) {
      stale.push(kep);
      continue;
    }
    const from = input.snapshot[kep.path]?.state ?? null;
    if (from !== now.state) changes.push({ kep, from, to: now.state });
  }
  const awayByLogin = new Map(input.away.map((a) => [a.github.toLowerCase(), a.until]));
  const updated = (p: RoundPerson) => input.updates.some((u) => isAuthor(u, p));
  const away = input.facilitators
    .filter((p) => awayByLogin.has(p.github.toLowerCase()) && !updated(p))
    .map((p) => ({ ...p, until: awayByLogin.get(p.github.toLowerCase())! }));
  // with nothing to report on, nobody is missing
  const missing =
    input.keps.length === 0
      ? []
      : input.facilitators.filter((p) => !updated(p) && !awayByLogin.has(p.github.toLowerCase()));
  return { updatedBy: [...updatedBy.values()], changes, stale, missing, away };
}
