import type { ResolvedConfig } from '../config/resolved-config.ts';
import { ladderTargetLabel } from '../domain/escalation-ladder.ts';
import { repoLinksFor } from '../domain/repo-links.ts';
import type { DigestDeps, DigestSettings } from '../ports/digest.ts';
import { createDigestMessages } from '../slack/messages.ts';
import type { Adapters } from './adapters.ts';
import { channelByName } from './channel-names.ts';
import { releasePageLinksFrom } from './release-page-links.ts';
import { roundsWindow } from './schedule-settings.ts';

/** The digest settings from the config: each SIG's digest cadence and target, chairs, facilitators. */
export function digestSettingsFrom(config: ResolvedConfig): DigestSettings {
  return {
    release: config.release.name,
    codingPeriod: config.release.codingPeriod,
    escalationLadder: config.escalation.ladder.map((step) => step.notify.map(ladderTargetLabel).join(', ')),
    releaseAt: roundsWindow(config).until,
    sigs: config.sigs.map((sig) => ({
      dir: sig.dir,
      name: sig.name,
      cron: sig.digest.cron,
      timezone: sig.digest.timezone,
      to: sig.digest.to,
      chairs: sig.chairs,
      facilitators: sig.facilitators,
      roundCron: sig.drumbeat.cron,
      roundTimezone: sig.drumbeat.timezone,
    })),
  };
}

/**
 * What the digest use cases need. A digest channel is used as written when it is an id; a `#name`
 * is found among the channels resolved at start, else the SIG's digest goes nowhere and that is
 * reported once to the PM channel.
 */
export function digestDeps(config: ResolvedConfig, adapters: Adapters): DigestDeps {
  const { channels } = adapters;
  return {
    store: adapters.store,
    chat: adapters.chat,
    logger: adapters.logger.child({ component: 'digest' }),
    messages: createDigestMessages(repoLinksFor(config.github.repo), releasePageLinksFrom(config.site)),
    channels: {
      pm: channels.pm,
      sig: (dir) => channels.sig(dir),
      resolve: channelByName(config, channels),
    },
  };
}
