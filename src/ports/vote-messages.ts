import type { RoundDecision, VoteQuorum, VoteReminderRule, VoteValue } from '../domain/vote.ts';
import type { Chat, ChatContent } from './chat.ts';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';
import type { Store } from './store.ts';
import type { RoundRecord, StoredBallot, StoredConcern, VoteRecord } from './vote-store.ts';

/** Everything a vote message shows about one round. */
export interface VoteView {
  vote: VoteRecord;
  round: RoundRecord;
  electors: string[];
  ballots: StoredBallot[];
  concerns: StoredConcern[];
  decision: RoundDecision;
  /** The round this one re-votes, or null for round 1. */
  previous: RoundRecord | null;
}

/** Where a sent message is, to link to it. */
export interface MessageLocation {
  channel: string;
  ts: string;
}

/**
 * How vote messages look: implemented by pure Block Kit builders in the Slack adapter
 * (`src/slack/vote-deps.ts`), so use cases post without knowing Block Kit.
 */
export interface VoteMessages {
  /** The vote message: question, legend, 0–5 buttons and who voted while open; the result once closed. */
  voteMessage(view: VoteView, now: Date): ChatContent;
  /** The reply posted in the thread when a round closes, with the concerns and (not approved) a Re-vote button. */
  result(view: VoteView): ChatContent;
  /** A concern, posted in the thread under the voter's name. */
  concern(view: VoteView, concern: StoredConcern): ChatContent;
  /** A voter raised their ballot: their concern is resolved. */
  concernResolved(view: VoteView, concern: StoredConcern, value: VoteValue): ChatContent;
  /** The DM to an elector who has not voted. */
  reminder(view: VoteView, where: MessageLocation | null, now: Date): ChatContent;
}

/** The repos the vote use cases read and write. */
export type VoteStore = Pick<Store, 'githubWriteBack' | 'people' | 'transaction' | 'votes'>;

/** What the vote use cases need: the ports, how messages look, and settings from the config. */
export interface VoteDeps {
  store: VoteStore;
  chat: Chat;
  clock: Clock;
  logger: Logger;
  messages: VoteMessages;
  settings: VoteSettings;
}

/** The vote settings from the config. */
export interface VoteSettings {
  /** The label a plan's KEP issues get on approval (`config.github.labels.approved`). */
  approvedLabel: string;
  /** `owner/name` of the KEP issues (`config.github.repo`). */
  repo: string;
  /** Slack ids of people who may close any vote early besides its owner (the release team). */
  closers: string[];
}

/** What a new vote starts with unless its owner changes it (`config.votes`). */
export interface VoteDefaults {
  quorum: VoteQuorum;
  hideValues: boolean;
  durationMs: number;
  remindAt: VoteReminderRule[];
}
