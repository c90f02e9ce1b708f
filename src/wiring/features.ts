import type { ResolvedConfig } from '../config/resolved-config.ts';
import { repoLinksFor } from '../domain/repo-links.ts';
import type { DigestDeps, DigestSettings } from '../ports/digest.ts';
import type { DriftNoticeDeps } from '../ports/drift-notice.ts';
import type { EscalationDeps } from '../ports/escalation.ts';
import type { FeedbackDeps } from '../ports/feedback.ts';
import type { PlanningDeps } from '../ports/planning.ts';
import type { ScheduleDeps, ScheduleSettings } from '../ports/schedule.ts';
import type { VoteDeps } from '../ports/vote-messages.ts';
import type { BotContext } from '../slack/context.ts';
import { buildDriftNotice, createScheduleMessages } from '../slack/messages.ts';
import type { Adapters } from './adapters.ts';
import { digestDeps, digestSettingsFrom } from './digest.ts';
import { escalationDeps } from './escalation.ts';
import { feedbackDeps } from './feedback.ts';
import { planningDeps } from './planning.ts';
import { releasePageLinksFrom } from './release-page-links.ts';
import { removalDeps } from './removal.ts';
import { type RoundlessSig, scheduleSettingsFrom } from './schedule-settings.ts';
import { statusPolicyFrom } from './status-policy.ts';
import { voteDefaultsFrom, voteDeps } from './votes.ts';

/** Every feature's settings and use-case dependencies, composed once from the config and the adapters. */
export interface Features {
  votes: VoteDeps;
  planning: PlanningDeps;
  escalation: EscalationDeps;
  digest: DigestDeps;
  digestSettings: DigestSettings;
  schedule: ScheduleDeps;
  scheduleSettings: ScheduleSettings;
  /** The satisfaction pulse and the retrospective after the release. */
  feedback: FeedbackDeps;
  /** The PM channel's notice of new GitHub drift findings. */
  driftNotice: DriftNoticeDeps;
  /** SIGs without drumbeat rounds, and why (logged at start, printed by `drumbeat simulate`). */
  roundless: RoundlessSig[];
}

export function composeFeatures(config: ResolvedConfig, adapters: Adapters): Features {
  const votes = voteDeps(config, adapters);
  const { settings: scheduleSettings, roundless } = scheduleSettingsFrom(config);
  return {
    votes,
    planning: planningDeps(config, adapters, votes),
    escalation: escalationDeps(config, adapters),
    digest: digestDeps(config, adapters),
    digestSettings: digestSettingsFrom(config),
    schedule: {
      store: adapters.store,
      chat: adapters.chat,
      logger: adapters.logger.child({ component: 'scheduler' }),
      channels: adapters.channels,
      messages: createScheduleMessages(repoLinksFor(config.github.repo), releasePageLinksFrom(config.site)),
    },
    scheduleSettings,
    feedback: feedbackDeps(config, adapters),
    driftNotice: {
      store: adapters.store,
      chat: adapters.chat,
      logger: adapters.logger.child({ component: 'drift' }),
      pmChannel: adapters.channels.pm,
      render: buildDriftNotice,
    },
    roundless,
  };
}

/** What the listeners get: the adapters plus ready settings and deps, never the config. */
export function botContextFrom(config: ResolvedConfig, adapters: Adapters, features: Features): BotContext {
  const { store } = adapters;
  return {
    ...adapters,
    release: config.release.name,
    statusPolicy: statusPolicyFrom(config),
    voteDefaults: voteDefaultsFrom(config),
    features: { votes: features.votes, planning: features.planning, escalation: features.escalation },
    roundThreads: (sig) => store.rounds.openFor(sig)?.parentKey ?? null,
    repo: repoLinksFor(config.github.repo),
    releasePage: releasePageLinksFrom(config.site),
    milestoneRemoval: removalDeps(config, adapters),
  };
}
