import type {
  BallotState,
  ConcernState,
  ElectorateKind,
  RoundCloseReason,
  RoundOutcome,
  VoteQuorum,
  VoteReminderRule,
  VoteValue,
} from '../domain/vote.ts';

/** A fist-to-five vote: the question and its settings, frozen when it starts. Rounds hold the ballots. */
export interface VoteRecord {
  id: number;
  question: string;
  /** Slack user id of who started it (may close it early and start a re-vote). */
  owner: string;
  /** The channel id it was posted in. */
  channel: string;
  /** The readout message it replies to (started by the message shortcut); null when top-level. */
  threadTs: string | null;
  electorateKind: ElectorateKind;
  /** The channel or user group id the electorate came from; null for listed people. */
  electorateSource: string | null;
  quorum: VoteQuorum;
  /** Show who voted while open, and the values only at close. */
  hideValues: boolean;
  /** Voting time of each round. */
  durationMs: number;
  remindAt: VoteReminderRule[];
  /** An http(s) link to the plan, or null. */
  link: string | null;
  /** KEP issue numbers the plan covers (they get the approved label on approval). */
  kepIssues: number[];
  createdAt: string;
}

/** One round of a vote: round 1, and one more per re-vote, linked to the one before. */
export interface RoundRecord {
  id: number;
  voteId: number;
  number: number;
  previousRoundId: number | null;
  opensAt: string;
  closesAt: string;
  closedAt: string | null;
  closeReason: RoundCloseReason | null;
  outcome: RoundOutcome | null;
  /** Who closed it early (owner); null for the deadline and all-voted. */
  closedBy: string | null;
}

/** A voter's current ballot in a round. */
export interface StoredBallot extends BallotState {
  roundId: number;
  /** The concern stated with this ballot (0–2), or null. */
  concernId: number | null;
  /** The id of the history event that set this ballot. */
  eventId: number;
}

/** One change of a ballot, as kept in its history. */
export interface BallotEvent {
  id: number;
  roundId: number;
  voter: string;
  value: VoteValue;
  previousValue: VoteValue | null;
  concernId: number | null;
  at: string;
}

/** How a concern was resolved: the voter raised the ballot to 3+, or replaced it with a new concern. */
export type ConcernResolution = 'raised' | 'replaced';

export interface StoredConcern extends ConcernState {
  roundId: number;
  resolution: ConcernResolution | null;
}

/** What a use case passes to start a vote; the store adds ids. */
export interface NewVote extends Omit<VoteRecord, 'id'> {
  /** The frozen electorate: Slack user ids, in order, without duplicates. */
  electors: string[];
  /** Unique per intended vote (the modal's view id): a retried submission starts one vote. */
  idempotencyKey: string;
}

export interface NewBallot {
  roundId: number;
  voter: string;
  value: VoteValue;
  concernId: number | null;
  at: string;
  /** Unique per intended change (click trigger / view id): a retried delivery records nothing new. */
  idempotencyKey: string;
}

/** Votes, rounds, electorates, ballots with their history, concerns and reminders. */
export interface VoteRepo {
  /** Stores a vote with its electorate and round 1; a known idempotency key returns the stored one. */
  create(
    vote: NewVote,
    round: { opensAt: string; closesAt: string },
  ): {
    vote: VoteRecord;
    round: RoundRecord;
    created: boolean;
  };
  get(id: number): VoteRecord | null;
  getRound(id: number): RoundRecord | null;
  /** The vote's rounds, first first. */
  rounds(voteId: number): RoundRecord[];
  /** The frozen electorate, in order. */
  electors(voteId: number): string[];
  isElector(voteId: number, user: string): boolean;
  /** Current ballots of a round, oldest change first. */
  ballots(roundId: number): StoredBallot[];
  ballot(roundId: number, voter: string): StoredBallot | null;
  /** How many voters have a ballot in the round (cheap; for "has everyone voted?"). */
  ballotCount(roundId: number): number;
  /** How many people the vote's electorate has. */
  electorateSize(voteId: number): number;
  /** Every change of a round's ballots (of one voter when given), oldest first. */
  ballotHistory(roundId: number, voter?: string): BallotEvent[];
  /** The id of the round's latest ballot change (0 when none): it names the tally the message shows. */
  lastEventId(roundId: number): number;
  /** Records a change of ballot once per idempotency key (`created` false for a known key). */
  recordBallot(ballot: NewBallot): { event: BallotEvent; previous: StoredBallot | null; created: boolean };
  addConcern(concern: {
    roundId: number;
    voter: string;
    value: VoteValue;
    text: string;
    at: string;
  }): StoredConcern;
  /** Resolves the voter's open concerns in a round; returns those it resolved. */
  resolveConcerns(roundId: number, voter: string, resolution: ConcernResolution, at: string): StoredConcern[];
  /** Concerns of a round, oldest first. */
  concerns(roundId: number): StoredConcern[];
  /**
   * Closes a round that is still open; false when it was already closed (exactly one closer wins).
   */
  closeRound(
    roundId: number,
    close: { closedAt: string; reason: RoundCloseReason; outcome: RoundOutcome; by: string | null },
  ): boolean;
  /** Adds the round after `previous` (a second call for the same previous returns the same round). */
  addRound(
    previous: RoundRecord,
    opensAt: string,
    closesAt: string,
  ): { round: RoundRecord; created: boolean };
  /** Rounds not closed yet (of every vote), by deadline. */
  openRounds(): RoundRecord[];
  /** Open rounds whose electorate includes `user`, by deadline. */
  openRoundsFor(user: string): RoundRecord[];
  /** Reminder indexes already handled for a round. */
  remindersSent(roundId: number): number[];
  /** Records a reminder as handled; false when it already was. */
  recordReminder(roundId: number, index: number, at: string, recipients: number): boolean;
}
