import type { FailureNotice } from '../../domain/delivery-health.ts';
import type { ChatContent } from '../../ports/chat.ts';
import { escapeMrkdwn, mentionChannel } from '../escape.ts';
import { boundedSection, context } from './block-kit.ts';

/** What to do about a Slack error, by its code; anything else points at the log. */
const remedies: Record<string, string> = {
  not_in_channel: 'invite the bot there (`/invite @Drumbeat`)',
  channel_not_found: 'check the channel in drumbeat.yaml, and invite the bot if it is private',
  is_archived: 'the channel is archived: unarchive it or point drumbeat.yaml at another one',
  restricted_action: 'a workspace setting keeps the bot from posting there: ask a Slack admin',
  missing_scope: 'reinstall the app from manifests/ so it has every scope it asks for',
  user_not_found: 'check the Slack user ids under `people:` in drumbeat.yaml',
  cannot_dm_bot: 'a `people:` entry names a bot: fix its Slack user id',
  invalid_blocks: 'a message Drumbeat built was refused: report it with the keys from the log',
  msg_too_long: 'a message Drumbeat built was too long: report it with the keys from the log',
};

/** The PM channel's notice that one cause keeps failing: how many, where, and what to do. */
export function buildFailureNotice(notice: FailureNotice): ChatContent {
  const code = notice.cause.split(': ')[1] ?? notice.cause;
  const where = notice.channels.map((c) => `${mentionChannel(c.channel)} (${c.count})`);
  if (notice.elsewhere > 0) where.push(`${notice.elsewhere} direct message(s) or App Home view(s)`);
  const remedy = remedies[code] ?? 'the bot’s log has each message key and Slack’s full answer';
  const lines = [
    `:warning: *Drumbeat could not deliver ${notice.count} messages*: Slack answered \`${escapeMrkdwn(notice.cause)}\`.`,
    `Where: ${where.join(', ') || 'unknown'}.`,
    `What to do: ${remedy}.`,
  ];
  return {
    text: `Drumbeat could not deliver ${notice.count} messages (${notice.cause})`,
    blocks: [
      boundedSection(lines.join('\n')),
      context(
        `First failure ${notice.since.toISOString()}. One notice per cause a day; /healthz and /metrics show it too.`,
      ),
    ],
  };
}
