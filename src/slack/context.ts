import type { StatusPolicy } from '../app/record-status.ts';
import type { RepoLinks } from '../domain/repo-links.ts';
import type { Chat, ChatNow } from '../ports/chat.ts';
import type { Clock } from '../ports/clock.ts';
import type { EscalationDeps } from '../ports/escalation.ts';
import type { Logger } from '../ports/logger.ts';
import type { PlanningDeps } from '../ports/planning.ts';
import type { ReleasePageLinks } from '../ports/release-page-links.ts';
import type { RemovalDeps } from '../ports/removal.ts';
import type { Store } from '../ports/store.ts';
import type { VoteDefaults, VoteDeps } from '../ports/vote-messages.ts';

/** Channel IDs the bot resolved at start (config names → IDs). */
export interface ChannelDirectory {
  pm: string | null;
  release: string | null;
  /** A SIG's channel ID, or null when it has none or it could not be resolved. */
  sig(dir: string): string | null;
}

/** Each feature's use-case dependencies, composed once at start by the composition root. */
export interface ListenerFeatures {
  votes: VoteDeps;
  planning: PlanningDeps;
  escalation: EscalationDeps;
}

/**
 * The repos listeners hand to use cases. Listeners never read or write them themselves (a source
 * test refuses `.store.` under `listeners/`): they pass them on to the use case they call.
 */
export type ListenerStore = Pick<
  Store,
  | 'blockers'
  | 'custody'
  | 'escalations'
  | 'githubSnapshots'
  | 'githubSync'
  | 'keps'
  | 'milestoneRemovals'
  | 'milestones'
  | 'people'
  | 'planning'
  | 'pulses'
  | 'retros'
  | 'sigs'
  | 'statusDays'
  | 'statusUpdates'
  | 'transaction'
  | 'votes'
>;

/**
 * What every listener gets: the ports, the resolved channels, and ready settings and use-case
 * dependencies (never the config itself: the composition root in `src/wiring/` turns it into these).
 */
export interface BotContext {
  store: ListenerStore;
  /** The Chat port, and its synchronous side for posts recorded together with what they announce. */
  chat: Chat & ChatNow;
  clock: Clock;
  logger: Logger;
  channels: ChannelDirectory;
  /** The current release, e.g. `v1.35`. */
  release: string;
  /** The release rules for status updates. */
  statusPolicy: StatusPolicy;
  /** What a new fist-to-five vote starts with. */
  voteDefaults: VoteDefaults;
  features: ListenerFeatures;
  /** The enhancements repository (`github.repo`) KEPs link to. */
  repo: RepoLinks;
  /** The outbox key of a SIG's open drumbeat round parent message, when rounds run. */
  roundThreads?: (sig: string) => string | null;
  /** Where the release page is (`site.url`), for links; null or absent: no links. */
  releasePage?: ReleasePageLinks | null;
  /** Removing KEPs from the milestone and restoring them (release team); absent: not offered. */
  milestoneRemoval?: RemovalDeps;
}
