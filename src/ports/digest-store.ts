import type { KepState } from '../domain/kep-state.ts';
import type { Blocker } from '../domain/status.ts';

/** A KEP's state as of an instant (ISO-8601). */
export interface DatedState {
  kepPath: string;
  state: KepState;
  createdAt: string;
}

/** Where a SIG's digest for one cadence instant stands. */
export type DigestRunStatus = 'started' | 'completed' | 'skipped';

/** One (SIG, cadence instant) of the digest ledger. */
export interface DigestRun {
  sig: string;
  /** ISO-8601 UTC. */
  scheduledFor: string;
  status: DigestRunStatus;
  /** How many times it was started (more than 1 after an interrupted run). */
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
  note: string | null;
}

/** A recipient who was handed a digest, and the outbox key it went under. */
export interface DigestDelivery {
  /** A Slack user id (a chair's DM), or `channel:<id>`. */
  recipient: string;
  outboxKey: string;
  queuedAt: string;
}

/**
 * The digest's ledger and the reads it needs. A (SIG, instant) is begun before the digest is
 * built and completed when every recipient has it; each recipient is recorded once, so a rerun
 * after a crash sends nothing twice. Problems (a chair without a Slack user) are recorded by key
 * so they are reported once.
 */
export interface DigestRepo {
  getRun(sig: string, scheduledFor: Date): DigestRun | null;
  /** Records a start (a second start counts an attempt); null when completed or skipped already. */
  beginRun(sig: string, scheduledFor: Date, now: Date): DigestRun | null;
  completeRun(sig: string, scheduledFor: Date, now: Date, note: string): void;
  /** Records that the instant will not run, and why; a completed run stays completed. */
  skipRun(sig: string, scheduledFor: Date, now: Date, reason: string): void;
  /** Runs started and never finished, oldest first. */
  listUnfinished(): DigestRun[];
  /** The SIG's newest completed run before `before`: the previous digest. */
  previousRun(sig: string, before: Date): DigestRun | null;
  /** Every run of a SIG (all SIGs when omitted), by instant. */
  listRuns(sig?: string): DigestRun[];
  /** Records that `recipient` was handed the digest of (sig, instant); false when it already was. */
  recordDelivery(sig: string, scheduledFor: Date, recipient: string, outboxKey: string, now: Date): boolean;
  deliveries(sig: string, scheduledFor: Date): DigestDelivery[];
  /** Records a problem once by key; true the first time (report it), false after. */
  recordNotice(key: string, sig: string, message: string, now: Date): boolean;
  hasNotice(key: string): boolean;
  /** The `now` of the digest task's last pass; null before the first. */
  lastPass(): Date | null;
  setLastPass(at: Date): void;
  /**
   * The states the SIG reported in a release at or after `since` (ISO-8601), oldest first: "what
   * changed" of its digest, read from an index alone.
   */
  statesSince(sig: string, release: string, since: string): DatedState[];
  /**
   * Each KEP's state at the end of each UTC day it was updated in a release (the day's last
   * update, `createdAt` its instant), oldest first: the burn-up's input, aggregated in the database.
   */
  dailyStates(release: string): { rows: DatedState[]; lastId: number };
  /** The release's updates recorded after update `id`, in the order they were recorded. */
  updatesAfter(release: string, id: number): Array<DatedState & { id: number }>;
  /** The latest update of each of the SIG's KEPs made before `before` (ISO-8601), by KEP path. */
  latestBefore(sig: string, release: string, before: string): Map<string, DatedState & { id: number }>;
  /** The SIG's blockers in a release, open and closed, oldest first. */
  blockersOf(sig: string, release: string): Blocker[];
  /** Ids of the votes posted in these channels, oldest first. */
  voteIdsIn(channels: string[]): number[];
}
