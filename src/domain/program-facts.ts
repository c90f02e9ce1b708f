/**
 * What Drumbeat recorded about one release, as plain rows: the raw material of the program metrics.
 * The SQLite adapter reads them from the tables each feature already keeps (status updates, rounds,
 * blockers and their escalation steps, exception requests, votes, plans, synced issues); nothing here
 * names a person.
 */
import type { ExceptionFreeze } from './exception.ts';
import type { KepStage, KepStatus } from './types.ts';

export type ReportedState = 'on-track' | 'at-risk' | 'blocked' | 'done' | 'dropped';

/** A KEP seen in the release's records, with where and when it was first seen. */
export interface KepSighting {
  kep: number;
  sig: string | null;
  at: string;
  source: 'status' | 'round' | 'plan' | 'exception' | 'blocker' | 'github';
}

export interface FactUpdate {
  kep: number;
  kepPath: string;
  sig: string;
  state: ReportedState;
  createdAt: string;
}

export interface FactRound {
  sig: string;
  openedAt: string;
  /** When it closed, else when it is due to close. */
  endsAt: string;
  kepPaths: string[];
}

export interface FactBlocker {
  id: number;
  sig: string;
  kep: number;
  openedAt: string;
  closedAt: string | null;
  /** The highest escalation ladder step done for it; null when the ladder never acted. */
  highestStep: number | null;
}

export interface FactException {
  kep: number;
  sig: string | null;
  freeze: ExceptionFreeze;
  status: 'open' | 'approved' | 'rejected';
}

export interface FactVoteRound {
  number: number;
  opensAt: string;
  closedAt: string | null;
  outcome: 'approved' | 'not-approved' | null;
}

export interface FactVote {
  id: number;
  createdAt: string;
  rounds: FactVoteRound[];
}

/** A committed increment of a KEP in the SIG's plan (the approved version, else the latest). */
export interface FactCommitment {
  sig: string;
  kep: number;
  increment: number;
  confidence: number;
}

/** What kep.yaml says now about a KEP of the release (as last read or synced). */
export interface FactKep {
  number: number;
  owningSig: string | null;
  status: KepStatus | null;
  stage: KepStage | null;
  latestMilestone: string | null;
  /** kep.yaml `milestone`: the release each stage targets (`beta: v1.35`). */
  milestones: Partial<Record<string, string | null>>;
}

export interface FactFreeze {
  kind: ExceptionFreeze;
  name: string;
  at: string;
}

export interface ReleaseFacts {
  release: string;
  freezes: FactFreeze[];
  sightings: KepSighting[];
  updates: FactUpdate[];
  rounds: FactRound[];
  blockers: FactBlocker[];
  exceptions: FactException[];
  votes: FactVote[];
  commitments: FactCommitment[];
  keps: FactKep[];
}

/** What every SIG's process-health line reads of the whole release: who each KEP belongs to, blockers, exceptions. */
export type HealthBase = Pick<ReleaseFacts, 'sightings' | 'keps' | 'blockers' | 'exceptions'>;

/**
 * A SIG's rounds, with only the updates the round metrics look at: the first one of each KEP asked in
 * each round, by the SIG, within the round.
 */
export type RoundFacts = Pick<ReleaseFacts, 'rounds' | 'updates'>;
