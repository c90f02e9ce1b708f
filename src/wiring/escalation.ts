import { permissionRosterFrom } from '../config/permission-roster.ts';
import type { ResolvedConfig } from '../config/resolved-config.ts';
import { repoLinksFor } from '../domain/repo-links.ts';
import type { EscalationDeps, EscalationSettings } from '../ports/escalation.ts';
import { createEscalationMessages } from '../slack/messages.ts';
import type { Adapters } from './adapters.ts';
import { channelByName } from './channel-names.ts';

const dayMs = 86_400_000;

/** The ladder settings from the config. */
export function escalationSettingsFrom(config: ResolvedConfig): EscalationSettings {
  return {
    release: config.release.name,
    businessDays: config.escalation.businessDays,
    ladder: config.escalation.ladder,
    leadSlack: config.release.lead?.slack ?? null,
    snoozeMs: dayMs,
    permissions: permissionRosterFrom(config),
    repo: config.github.repo,
  };
}

/**
 * What the escalation use cases need. A `channel:` target is used as written when it is an id
 * (`channel:C…`); a `#name` is found among the channels resolved at start, else it is reported in
 * the step's note and skipped. Escalations post in a SIG's open drumbeat round thread when there is one.
 */
export function escalationDeps(config: ResolvedConfig, adapters: Adapters): EscalationDeps {
  const { channels, store } = adapters;
  return {
    store,
    chat: adapters.chat,
    clock: adapters.clock,
    logger: adapters.logger.child({ component: 'escalation' }),
    messages: createEscalationMessages(repoLinksFor(config.github.repo)),
    settings: escalationSettingsFrom(config),
    channels: {
      pm: channels.pm,
      release: channels.release,
      sig: (dir) => channels.sig(dir),
      named: channelByName(config, channels),
    },
    roundThread: (sig) => store.rounds.openFor(sig)?.parentKey ?? null,
  };
}
