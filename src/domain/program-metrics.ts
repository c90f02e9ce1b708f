/**
 * Program metrics of a release, for the whole release and per SIG, from what Drumbeat recorded.
 * Pure: the facts and `now` are arguments. See README "Process metrics" for what each one means.
 */
import {
  type BlockerMetrics,
  blockerMetrics,
  type CalibrationRow,
  calibration,
  type IncrementCalibration,
  type RoundMetrics,
  roundMetrics,
  type VoteMetrics,
  voteMetrics,
} from './flow-metrics.ts';
import { type ExceptionCount, exceptionMetrics, type KepMetrics, kepMetrics } from './kep-metrics.ts';
import type { HealthBase, ReleaseFacts, RoundFacts } from './program-facts.ts';

export interface ProgramMetrics {
  keps: KepMetrics;
  exceptions: ExceptionCount[];
  rounds: RoundMetrics;
  blockers: BlockerMetrics;
  /** Votes are not tied to a SIG: null in per-SIG metrics. */
  votes: VoteMetrics | null;
  calibration: { byBand: CalibrationRow[]; byIncrement: IncrementCalibration[] };
}

export interface ReleaseMetrics {
  release: string;
  overall: ProgramMetrics;
  /** By SIG directory, for every SIG that appears in the release's records, sorted. */
  bySig: Array<{ sig: string } & ProgramMetrics>;
}

function metricsOf(facts: ReleaseFacts, now: string, withVotes: boolean): ProgramMetrics {
  return {
    keps: kepMetrics(facts, now),
    exceptions: exceptionMetrics(facts.exceptions),
    rounds: roundMetrics(facts.rounds, facts.updates),
    blockers: blockerMetrics(facts.blockers),
    votes: withVotes ? voteMetrics(facts.votes) : null,
    calibration: calibration(facts),
  };
}

/** The SIG a KEP belongs to: its owning SIG, else the first SIG that reported it. */
/** The SIG of each KEP of the facts: its owning SIG, else the SIG it was first seen under. */
export function kepSigs(facts: Pick<ReleaseFacts, 'sightings' | 'keps'>): Map<number, string> {
  const sigs = new Map<number, string>();
  for (const s of facts.sightings) if (s.sig && !sigs.has(s.kep)) sigs.set(s.kep, s.sig);
  for (const k of facts.keps) if (k.owningSig) sigs.set(k.number, k.owningSig);
  return sigs;
}

/** The facts of one SIG: its KEPs' records and its rounds. */
export function factsOfSig(facts: ReleaseFacts, sig: string): ReleaseFacts {
  const sigOf = kepSigs(facts);
  const mine = (kep: number) => sigOf.get(kep) === sig;
  return {
    ...facts,
    sightings: facts.sightings.filter((s) => mine(s.kep)),
    updates: facts.updates.filter((u) => mine(u.kep)),
    rounds: facts.rounds.filter((r) => r.sig === sig),
    blockers: facts.blockers.filter((b) => mine(b.kep)),
    exceptions: facts.exceptions.filter((e) => mine(e.kep)),
    votes: [],
    commitments: facts.commitments.filter((c) => mine(c.kep)),
    keps: facts.keps.filter((k) => mine(k.number)),
  };
}

/** What a SIG's process-health line shows: its rounds, blockers and exceptions. */
export type SigHealth = Pick<ProgramMetrics, 'rounds' | 'blockers' | 'exceptions'>;

/**
 * The health metrics of one SIG, the same as its row of `releaseMetrics`, from the release's health
 * base and the SIG's round facts.
 */
export function sigHealth(facts: HealthBase & RoundFacts, sig: string): SigHealth {
  const sigOf = kepSigs(facts);
  const mine = (kep: number) => sigOf.get(kep) === sig;
  return {
    rounds: roundMetrics(
      facts.rounds.filter((r) => r.sig === sig),
      facts.updates.filter((u) => mine(u.kep)),
    ),
    blockers: blockerMetrics(facts.blockers.filter((b) => mine(b.kep))),
    exceptions: exceptionMetrics(facts.exceptions.filter((e) => mine(e.kep))),
  };
}

export function releaseMetrics(facts: ReleaseFacts, now: string): ReleaseMetrics {
  const sigs = [...new Set([...kepSigs(facts).values(), ...facts.rounds.map((r) => r.sig)])].sort();
  return {
    release: facts.release,
    overall: metricsOf(facts, now, true),
    bySig: sigs.map((sig) => ({ sig, ...metricsOf(factsOfSig(facts, sig), now, false) })),
  };
}
