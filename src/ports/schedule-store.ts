import type { RoundSnapshotEntry, RoundSummary } from '../domain/round.ts';

/** Where a (job, scheduled instant) stands in the ledger. */
export type JobRunStatus = 'started' | 'completed' | 'skipped';

/** One (job, scheduled instant) as the ledger recorded it. */
export interface JobRun {
  /** `round-open:sig-node`, `alert:12:14d`… */
  job: string;
  /** ISO-8601 UTC. */
  scheduledFor: string;
  status: JobRunStatus;
  /** How many times it was started (more than 1 after an interrupted run). */
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
  /** What it did, or why it was skipped. */
  note: string | null;
}

/**
 * The job ledger: node-cron remembers nothing, so each (job, scheduled instant) is recorded before
 * it runs and when it completes (or is skipped). A completed or skipped instant never runs again.
 */
export interface JobLedgerRepo {
  get(job: string, scheduledFor: Date): JobRun | null;
  /**
   * Records that the run starts (a second start counts an attempt). Returns null when the instant
   * is already completed or skipped: there is nothing to do.
   */
  begin(job: string, scheduledFor: Date, now: Date): JobRun | null;
  complete(job: string, scheduledFor: Date, now: Date, note: string): void;
  /** Records that the instant will not run, and why; a completed instant stays completed. */
  skip(job: string, scheduledFor: Date, now: Date, reason: string): void;
  /** Runs started and never finished (the process stopped mid-job), oldest first. */
  listUnfinished(): JobRun[];
  /** Every run, by scheduled instant then job. */
  list(): JobRun[];
  /** The `now` of the last scheduler pass that finished; null before the first. */
  lastTick(): Date | null;
  setLastTick(at: Date): void;
}

/** What a round's nudge did. */
export interface RoundNudgeOutcome {
  /** GitHub logins DMed, with the instant the DM may go (after quiet hours). */
  nudged: Array<{ github: string; at: string }>;
  away: Array<{ github: string; until: string }>;
  /**
   * Not nudged: quiet hours (or a quiet weekend) last until after the round closes; `until` is the
   * first instant a DM could go. Absent in rounds recorded before this was counted.
   */
  quiet?: Array<{ github: string; until: string }>;
  /** Facilitators who had already updated. */
  updated: string[];
  /** Facilitators without a Slack user: nobody to DM. */
  unreachable: string[];
}

/** A drumbeat round as stored. */
export interface RoundRecord {
  id: number;
  sig: string;
  release: string;
  /** The cadence instant the round belongs to (ISO-8601 UTC). */
  scheduledFor: string;
  openedAt: string;
  nudgeAt: string;
  closeAt: string;
  /** Channel id the parent went to. */
  channel: string;
  /** Outbox key of the parent message: status updates during the round go in its thread. */
  parentKey: string;
  /** KEPs the parent listed. */
  kepPaths: string[];
  /** Latest state of each listed KEP when the round opened. */
  snapshot: Record<string, RoundSnapshotEntry>;
  nudgedAt: string | null;
  nudge: RoundNudgeOutcome | null;
  closedAt: string | null;
  summary: RoundSummary | null;
}

export type NewRound = Omit<RoundRecord, 'id' | 'nudgedAt' | 'nudge' | 'closedAt' | 'summary'>;

export interface RoundRepo {
  /** Stores a round once per (sig, scheduledFor); `created` false returns the stored one. */
  create(round: NewRound): { round: RoundRecord; created: boolean };
  get(sig: string, scheduledFor: Date): RoundRecord | null;
  /** The SIG's most recently opened round that is not closed, or null. */
  openFor(sig: string): RoundRecord | null;
  /** Every round not closed, oldest first. */
  listOpen(): RoundRecord[];
  markNudged(id: number, at: Date, outcome: RoundNudgeOutcome): void;
  close(id: number, at: Date, summary: RoundSummary): void;
  /** Rounds, oldest first, of one SIG or all. */
  list(sig?: string): RoundRecord[];
}
