/**
 * The plain values and ports the digest use cases take. The Slack adapter builds `DigestSettings`
 * from the config (`src/slack/digest-deps.ts`) and implements `DigestMessages` with Block Kit.
 */
import type { CodingPeriod } from '../domain/confidence.ts';
import type { Digest } from '../domain/digest.ts';
import type { Chat } from './chat.ts';
import type { Logger } from './logger.ts';
import type { RenderedMessage } from './schedule.ts';
import type { Store } from './store.ts';

/** One SIG's digest settings. */
export interface DigestSig {
  dir: string;
  name: string;
  /** Digest cadence: 5-field cron read in `timezone`. */
  cron: string;
  timezone: string;
  /** `chairs` (a DM to each chair) or a channel (`#name` or an id). */
  to: 'chairs' | string;
  /** GitHub logins. */
  chairs: string[];
  facilitators: string[];
  /** The drumbeat cadence: a KEP with no update for one of its intervals is stale. */
  roundCron: string;
  roundTimezone: string;
}

export interface DigestSettings {
  /** `v1.35`. */
  release: string;
  codingPeriod: CodingPeriod | null;
  /** What each escalation ladder step notifies (`pm-channel`…), in order; null: steps not shown. */
  escalationLadder: string[] | null;
  sigs: DigestSig[];
  /** The release instant: no digest after it, and each SIG's closing digest at it; null: none known. */
  releaseAt?: Date | null;
}

/** A chair the digest cannot reach, reported to the PM channel once. */
export interface UnreachableChairsModel {
  sig: string;
  sigName: string;
  /** GitHub logins. */
  chairs: string[];
  /** Why nobody got it, when nobody did (no chairs, no channel). */
  problem: string | null;
  /** A stable code for `problem`, so it is reported once. */
  problemCode: string | null;
}

/** Builders of the digest messages (implemented in slack/blocks). */
export interface DigestMessages {
  digest(digest: Digest): RenderedMessage;
  /** One notice for every SIG whose digest cannot reach its chairs (or anyone). */
  unreachable(models: UnreachableChairsModel[]): RenderedMessage;
}

/** Channel ids the bot resolved at start. */
export interface DigestChannels {
  pm: string | null;
  sig(dir: string): string | null;
  /** A configured digest target (`#name` or an id) as a channel id; null when unknown. */
  resolve(target: string): string | null;
}

/** The repos the digest use cases read and write. */
export type DigestStore = Pick<
  Store,
  | 'custody'
  | 'digests'
  | 'escalations'
  | 'githubDrift'
  | 'githubEvents'
  | 'githubSnapshots'
  | 'githubSync'
  | 'keps'
  | 'milestoneRemovals'
  | 'milestones'
  | 'people'
  | 'planning'
  | 'processFacts'
  | 'rounds'
  | 'statusUpdates'
  | 'votes'
>;

export interface DigestDeps {
  store: DigestStore;
  chat: Chat;
  logger: Logger;
  channels: DigestChannels;
  messages: DigestMessages;
}
