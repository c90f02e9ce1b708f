import type { ResolvedConfig } from '../config/resolved-config.ts';
import { pulseInvitees } from '../domain/pulse.ts';
import type { FeedbackDeps, FeedbackSettings } from '../ports/feedback.ts';
import { feedbackMessages } from '../slack/blocks/feedback-blocks.ts';
import type { Adapters } from './adapters.ts';

/** The pulse and retrospective settings from the config and the release channel resolved at start. */
export function feedbackSettingsFrom(
  config: ResolvedConfig,
  releaseChannel: string | null,
): FeedbackSettings {
  const { pulse, retro } = config.feedback;
  return {
    release: config.release.name,
    calendar: config.release.milestones,
    pulseEnabled: pulse.enabled,
    pulseAt: pulse.at,
    pulseOpenForMs: pulse.openForMs,
    minimumAnswers: pulse.minimumAnswers,
    invitees: pulse.enabled
      ? pulseInvitees({
          lead: config.release.lead?.github ?? null,
          team: config.release.team,
          sigs: config.sigs,
        })
      : [],
    retroChannel: retro.enabled ? (retro.channel ?? releaseChannel) : null,
  };
}

/** What the pulse and retrospective use cases need. */
export function feedbackDeps(config: ResolvedConfig, adapters: Adapters): FeedbackDeps {
  return {
    store: adapters.store,
    chat: adapters.chat,
    logger: adapters.logger.child({ component: 'feedback' }),
    messages: feedbackMessages,
    settings: feedbackSettingsFrom(config, adapters.channels.release),
  };
}
