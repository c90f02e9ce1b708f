/**
 * What removing a KEP from the milestone (and restoring it) takes: the repos it reads and writes,
 * chat, clock, settings from the config, and how its notices look (pure Block Kit builders in
 * `src/slack/blocks/removal-blocks.ts`, so `src/app/` never imports Block Kit).
 */
import type { BoardFieldNames } from '../domain/board.ts';
import type { MilestoneRemoval } from '../domain/milestone-removal.ts';
import type { PermissionRoster } from '../domain/permissions.ts';
import type { TrackingStatus } from '../domain/tracking-status.ts';
import type { GithubLabels } from '../domain/write-back-plan.ts';
import type { Chat, ChatContent } from './chat.ts';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';
import type { Store, StoredKep } from './store.ts';

export interface RemovalSettings {
  release: string;
  /** Who may remove and restore: the release team. */
  permissions: PermissionRoster;
  /** The enhancements repository (`github.repo`) the KEP issues are in. */
  repo: string;
  labels: Pick<GithubLabels, 'trackedYes' | 'trackedNo'>;
  /** Config `github.writeBack`: plan the handbook's label and milestone changes. */
  writeBack: boolean;
  /** The tracking board (`org/number`) and its field names, when configured. */
  board: { key: string; names: BoardFieldNames } | null;
}

/** A removal or restore as its notice tells it. */
export interface RemovalNotice {
  direction: 'remove' | 'restore';
  kep: Pick<StoredKep, 'number' | 'title' | 'owningSig'>;
  removal: MilestoneRemoval;
  /** The synced board's Status when it disagrees (it wins), else null. */
  board: TrackingStatus | null;
}

export interface RemovalMessages {
  /** The one notice in the SIG channel (in the open round's thread, if any). */
  notice(notice: RemovalNotice): ChatContent;
}

export interface RemovalDeps {
  store: Pick<
    Store,
    'keps' | 'people' | 'milestoneRemovals' | 'githubSnapshots' | 'githubSync' | 'githubWriteBack'
  >;
  chat: Chat;
  clock: Clock;
  logger: Logger;
  settings: RemovalSettings;
  messages: RemovalMessages;
  /** A SIG's channel id, or null. */
  sigChannel(dir: string): string | null;
  /** The outbox key of a SIG's open round parent message, when a round is open. */
  roundThread(dir: string): string | null;
}
