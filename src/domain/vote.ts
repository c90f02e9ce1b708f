/**
 * Fist-to-five votes: the values, the legend, quorum and the decision rule of the SIG-PM planning
 * proposal. Pure: time arrives as an argument.
 *
 * The rule: a round is **approved** iff quorum is met and every counted ballot is 3 or more. A ballot
 * of 0, 1 or 2 counts only with a stated concern; a voter whose concern is satisfied raises the ballot
 * to 3+ (the concern is then resolved). A ballot counts when it was cast before the round's deadline.
 */

/** A fist-to-five value: 0 (fist) to 5. */
export type VoteValue = 0 | 1 | 2 | 3 | 4 | 5;

export const voteValues: readonly VoteValue[] = [0, 1, 2, 3, 4, 5];

/** What each number means, as the vote message shows it. */
export const voteLegend: Readonly<Record<VoteValue, string>> = {
  0: 'block',
  1: 'major concerns',
  2: 'minor concerns',
  3: 'OK with reservations',
  4: 'good',
  5: 'fully support',
};

/** The lowest value that approves without a concern. */
export const approvingValue = 3;

/** How many electors must have a counted ballot: everyone, or a share (0 < share ≤ 1). */
export type VoteQuorum = { kind: 'all' } | { kind: 'share'; share: number };

/** When to remind electors who have not voted: a share of the voting time, or a time before the close. */
export type VoteReminderRule =
  | { kind: 'elapsed-share'; share: number }
  | { kind: 'before-close'; ms: number };

/** Where the electorate came from; it is frozen (stored as a member list) when the vote starts. */
export type ElectorateKind = 'channel' | 'usergroup' | 'people';

/** Why a round closed. */
export type RoundCloseReason = 'deadline' | 'all-voted' | 'owner';

/** How a closed round ended. */
export type RoundOutcome = 'approved' | 'not-approved';

/** The shortest gap between two updates of a vote message (its tally), in ms. */
export const voteTallyIntervalMs = 1000;

/** A voter's current ballot in a round. */
export interface BallotState {
  /** Slack user id. */
  voter: string;
  value: VoteValue;
  /** ISO-8601 instant of the voter's latest change. */
  castAt: string;
}

/** A concern stated with a 0, 1 or 2. */
export interface ConcernState {
  id: number;
  voter: string;
  value: VoteValue;
  text: string;
  raisedAt: string;
  /** Set when the voter raised the ballot to 3+ (or replaced the concern with a new one). */
  resolvedAt: string | null;
}

/** True for a value that needs a stated concern (0, 1, 2). */
export function needsConcern(value: number): boolean {
  return value < approvingValue;
}

/** Reads a button value or text as a vote value; null for anything else. */
export function readVoteValue(value: unknown): VoteValue | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
  return Number.isInteger(n) && n >= 0 && n <= 5 && String(value).trim() !== '' ? (n as VoteValue) : null;
}

/** A round takes ballots while it is not closed and `now` is before its deadline (the deadline itself is too late). */
export function isRoundOpenAt(round: { closesAt: string; closedAt: string | null }, now: Date): boolean {
  return round.closedAt === null && now.getTime() < Date.parse(round.closesAt);
}

/** How many counted ballots meet the quorum for an electorate of `size` (at least 1). */
export function quorumNeeded(quorum: VoteQuorum, size: number): number {
  if (size <= 0) return 1;
  if (quorum.kind === 'all') return size;
  const share = Math.min(1, Math.max(0, quorum.share));
  return Math.max(1, Math.ceil(share * size - 1e-9));
}

/** `all` or `60%`. */
export function describeQuorum(quorum: VoteQuorum): string {
  return quorum.kind === 'all' ? 'everyone' : `${Math.round(quorum.share * 100)}%`;
}

/** What a round's ballots decide. */
export interface RoundDecision {
  approved: boolean;
  quorumMet: boolean;
  /** Counted ballots: electors' ballots cast before the deadline. */
  counted: number;
  needed: number;
  electorate: number;
  /** Counted ballots of 2 or less, in electorate order. */
  low: BallotState[];
  /** Electors without a counted ballot, in electorate order. */
  missing: string[];
  /** Value → how many counted ballots have it. */
  histogram: Record<VoteValue, number>;
}

export interface RoundInput {
  electorate: readonly string[];
  ballots: readonly BallotState[];
  quorum: VoteQuorum;
  /** The round's deadline: ballots cast at or after it do not count. */
  closesAt: string;
}

/** Applies the decision rule to a round's ballots. */
export function decideRound(input: RoundInput): RoundDecision {
  const counted = countedBallots(input);
  const byVoter = new Map(counted.map((b) => [b.voter, b]));
  const histogram = { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } as Record<VoteValue, number>;
  for (const b of counted) histogram[b.value]++;
  const needed = quorumNeeded(input.quorum, input.electorate.length);
  const quorumMet = input.electorate.length > 0 && counted.length >= needed;
  const low = counted.filter((b) => needsConcern(b.value));
  return {
    approved: quorumMet && low.length === 0,
    quorumMet,
    counted: counted.length,
    needed,
    electorate: input.electorate.length,
    low,
    missing: input.electorate.filter((voter) => !byVoter.has(voter)),
    histogram,
  };
}

/** The electors' ballots cast before the deadline, in electorate order. */
export function countedBallots(input: Omit<RoundInput, 'quorum'>): BallotState[] {
  const deadline = Date.parse(input.closesAt);
  const byVoter = new Map(input.ballots.map((b) => [b.voter, b]));
  return input.electorate
    .map((voter) => byVoter.get(voter))
    .filter((b): b is BallotState => b !== undefined && Date.parse(b.castAt) < deadline);
}

/**
 * A round closes before its deadline when everyone has voted and nobody is at 2 or less. With an
 * open concern it stays open until the deadline (or the owner closes it), so the concern can be
 * satisfied and the ballot raised, as the proposal asks.
 */
export function shouldCloseEarly(input: Omit<RoundInput, 'quorum'>): boolean {
  const counted = countedBallots(input);
  return (
    input.electorate.length > 0 &&
    counted.length === input.electorate.length &&
    counted.every((b) => !needsConcern(b.value))
  );
}
