import type { EscalationDeps, EscalationSettings } from '../ports/escalation.ts';
import type { ResolvedConfig } from '../config/resolved-config.ts';
import { escalationMessages } from './blocks/escalation-blocks.ts';
import type { BotContext } from './context.ts';
import { isSlackChannelId } from './escape.ts';

const dayMs = 86_400_000;

/** The ladder settings from the config. */
export function escalationSettingsFrom(config: ResolvedConfig): EscalationSettings {
  return {
    release: config.release.name,
    businessDays: config.escalation.businessDays,
    ladder: config.escalation.ladder,
    leadSlack: config.release.lead?.slack ?? null,
    snoozeMs: dayMs,
  };
}

/**
 * What the escalation use cases need, from the bot's context. A `channel:` target is used as
 * written when it is an id (`channel:C…`); a `#name` is found among the channels resolved at start
 * (PM, release, SIG channels), else it is reported in the step's note and skipped.
 */
export function escalationDepsFrom(ctx: BotContext): EscalationDeps {
  const { config, channels } = ctx;
  const byName = new Map<string, string | null>([
    [config.workspace.channels.pm, channels.pm],
    [config.workspace.channels.release, channels.release],
    ...config.sigs.filter((s) => s.channel).map((s) => [s.channel!, channels.sig(s.dir)] as const),
  ]);
  return {
    store: ctx.store,
    chat: ctx.chat,
    clock: ctx.clock,
    logger: ctx.logger.child({ component: 'escalation' }),
    messages: escalationMessages,
    settings: escalationSettingsFrom(config),
    channels: {
      pm: channels.pm,
      release: channels.release,
      sig: (dir) => channels.sig(dir),
      named: (channel) => (isSlackChannelId(channel) ? channel : (byName.get(channel) ?? null)),
    },
    ...(ctx.roundThreads ? { roundThread: ctx.roundThreads } : {}),
  };
}
