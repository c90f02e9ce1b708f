import type { DigestDeps, DigestSettings } from '../ports/digest.ts';
import type { EscalationTarget, ResolvedConfig } from '../config/resolved-config.ts';
import { digestMessages } from './blocks/digest-blocks.ts';
import type { BotContext } from './context.ts';
import { isSlackChannelId } from './escape.ts';

function targetLabel(t: EscalationTarget): string {
  return t.kind === 'channel' ? t.channel : t.kind;
}

/** The digest settings from the config: each SIG's digest cadence and target, chairs, facilitators. */
export function digestSettingsFrom(config: ResolvedConfig): DigestSettings {
  return {
    release: config.release.name,
    codingPeriod: config.release.codingPeriod,
    escalationLadder: config.escalation.ladder.map((step) => step.notify.map(targetLabel).join(', ')),
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
 * What the digest use cases need, from the bot's context. A digest channel is used as written when
 * it is an id; a `#name` is found among the channels resolved at start (PM, release, SIG channels),
 * else the SIG's digest goes nowhere and that is reported once to the PM channel.
 */
export function digestDepsFrom(ctx: BotContext): DigestDeps {
  const { config, channels } = ctx;
  const byName = new Map<string, string | null>([
    [config.workspace.channels.pm, channels.pm],
    [config.workspace.channels.release, channels.release],
    ...config.sigs.filter((s) => s.channel).map((s) => [s.channel!, channels.sig(s.dir)] as const),
  ]);
  return {
    store: ctx.store,
    chat: ctx.chat,
    logger: ctx.logger.child({ component: 'digest' }),
    messages: digestMessages,
    channels: {
      pm: channels.pm,
      sig: (dir) => channels.sig(dir),
      resolve: (target) => (isSlackChannelId(target) ? target : (byName.get(target) ?? null)),
    },
  };
}
