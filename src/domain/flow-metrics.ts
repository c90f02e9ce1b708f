/**
 * The flow side of the program metrics: how rounds were answered, how long blockers stayed open and
 * how far they climbed the escalation ladder, how votes went, and how well committed confidence
 * predicted what landed. Pure: `now` is an argument; durations are milliseconds.
 */
import { latestStates } from './kep-metrics.ts';
import type { FactBlocker, FactRound, FactUpdate, FactVote, ReleaseFacts } from './program-facts.ts';
import { median, msBetween, quantile, share } from './stats.ts';

export interface RoundMetrics {
  rounds: number;
  /** KEPs listed in rounds, summed over rounds (a KEP in 5 rounds counts 5 times). */
  kepsAsked: number;
  /** Of those, KEPs that got a status update while their round was open. */
  kepsUpdated: number;
  responseRate: number | null;
  /** From a round opening to the first update of each KEP that was updated during it. */
  medianFirstUpdateMs: number | null;
}

export interface BlockerMetrics {
  opened: number;
  resolved: number;
  stillOpen: number;
  medianResolveMs: number | null;
  p90ResolveMs: number | null;
  /** How many blockers reached each escalation ladder step (a blocker at step 2 counts for 0, 1, 2). */
  stepsReached: Array<{ step: number; blockers: number }>;
}

export interface VoteMetrics {
  held: number;
  /** Rounds after the first. */
  revotes: number;
  decided: number;
  approved: number;
  /** From the first round opening to the round that approved, or the last closed round. */
  medianDecisionMs: number | null;
}

export interface CalibrationRow {
  /** `80–100`, `60–79`, `40–59`, `0–39` (percent). */
  band: string;
  committed: number;
  landed: number;
  landedShare: number | null;
  meanConfidence: number | null;
}

export interface IncrementCalibration {
  increment: number;
  committed: number;
  meanConfidence: number | null;
  landedShare: number | null;
}

function firstUpdateDelays(round: FactRound, updates: readonly FactUpdate[]): number[] {
  const asked = new Set(round.kepPaths);
  const first = new Map<string, number>();
  for (const u of updates) {
    if (!asked.has(u.kepPath) || u.sig !== round.sig) continue;
    if (u.createdAt < round.openedAt || u.createdAt > round.endsAt) continue;
    const delay = msBetween(round.openedAt, u.createdAt);
    first.set(u.kepPath, Math.min(first.get(u.kepPath) ?? delay, delay));
  }
  return [...first.values()];
}

export function roundMetrics(rounds: readonly FactRound[], updates: readonly FactUpdate[]): RoundMetrics {
  const delays = rounds.map((r) => firstUpdateDelays(r, updates));
  const kepsAsked = rounds.reduce((n, r) => n + r.kepPaths.length, 0);
  const kepsUpdated = delays.reduce((n, d) => n + d.length, 0);
  return {
    rounds: rounds.length,
    kepsAsked,
    kepsUpdated,
    responseRate: share(kepsUpdated, kepsAsked),
    medianFirstUpdateMs: median(delays.flat()),
  };
}

export function blockerMetrics(blockers: readonly FactBlocker[]): BlockerMetrics {
  const times = blockers.flatMap((b) => (b.closedAt ? [msBetween(b.openedAt, b.closedAt)] : []));
  const highest = Math.max(-1, ...blockers.map((b) => b.highestStep ?? -1));
  const stepsReached = Array.from({ length: highest + 1 }, (_, step) => ({
    step,
    blockers: blockers.filter((b) => (b.highestStep ?? -1) >= step).length,
  }));
  return {
    opened: blockers.length,
    resolved: times.length,
    stillOpen: blockers.length - times.length,
    medianResolveMs: median(times),
    p90ResolveMs: quantile(times, 0.9),
    stepsReached,
  };
}

function decisionMs(vote: FactVote): number | null {
  const first = vote.rounds.find((r) => r.number === 1);
  const closed = vote.rounds.filter((r) => r.closedAt !== null);
  const deciding = closed.find((r) => r.outcome === 'approved') ?? closed.at(-1);
  if (!first || !deciding?.closedAt) return null;
  return msBetween(first.opensAt, deciding.closedAt);
}

export function voteMetrics(votes: readonly FactVote[]): VoteMetrics {
  const decisions = votes.map(decisionMs).filter((ms): ms is number => ms !== null);
  return {
    held: votes.length,
    revotes: votes.reduce((n, v) => n + v.rounds.filter((r) => r.number > 1).length, 0),
    decided: decisions.length,
    approved: votes.filter((v) => v.rounds.some((r) => r.outcome === 'approved')).length,
    medianDecisionMs: median(decisions),
  };
}

const bands = [
  { band: '80–100', min: 80 },
  { band: '60–79', min: 60 },
  { band: '40–59', min: 40 },
  { band: '0–39', min: 0 },
] as const;

function bandOf(confidence: number): string {
  return (bands.find((b) => confidence >= b.min) ?? bands[3]).band;
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Committed confidence (the plan's, by increment) against whether the KEP was reported done. */
export function calibration(facts: ReleaseFacts): {
  byBand: CalibrationRow[];
  byIncrement: IncrementCalibration[];
} {
  const states = latestStates(facts.updates, null);
  const rows = facts.commitments.map((c) => ({ ...c, landed: states.get(c.kep) === 'done' }));
  const byBand = bands.map(({ band }) => {
    const inBand = rows.filter((r) => bandOf(r.confidence) === band);
    const landed = inBand.filter((r) => r.landed).length;
    return {
      band,
      committed: inBand.length,
      landed,
      landedShare: share(landed, inBand.length),
      meanConfidence: mean(inBand.map((r) => r.confidence)),
    };
  });
  const increments = [...new Set(rows.map((r) => r.increment))].sort((a, b) => a - b);
  const byIncrement = increments.map((increment) => {
    const at = rows.filter((r) => r.increment === increment);
    return {
      increment,
      committed: at.length,
      meanConfidence: mean(at.map((r) => r.confidence)),
      landedShare: share(at.filter((r) => r.landed).length, at.length),
    };
  });
  return { byBand, byIncrement };
}
