import { requiredString } from '../api-args.ts';
import { fail } from '../api-error.ts';
import { messageChannel } from './channel-access.ts';
import type { MethodSpec } from './method.ts';

/** auth.test, reactions.add and apps.connections.open. */
export const miscMethods: Record<string, MethodSpec> = {
  'auth.test': {
    token: 'any',
    run({ ws }) {
      const { team, bot } = ws.seed;
      return {
        url: `https://${team.domain}.slack.com/`,
        team: team.name,
        user: bot.name,
        team_id: team.id,
        user_id: bot.userId,
        bot_id: bot.botId,
        app_id: bot.appId,
        is_enterprise_install: false,
      };
    },
  },
  'reactions.add': {
    token: 'bot',
    run({ ws, args }) {
      const channel = messageChannel(ws, requiredString(args, 'channel', 'channel_not_found'));
      const name = requiredString(args, 'name', 'invalid_name').replace(/^:|:$/g, '');
      const ts = requiredString(args, 'timestamp', 'no_item_specified');
      if (!ws.findMessage(channel.id, ts))
        fail('message_not_found', `[ERROR] no message ${ts} in ${channel.id}`);
      if (!/^[a-z0-9_+'-]+$/.test(name)) fail('invalid_name', `[ERROR] "${name}" is not an emoji name`);
      if (!ws.addReaction(channel.id, ts, name, ws.seed.bot.userId)) fail('already_reacted');
      return {};
    },
  },
  'apps.connections.open': {
    token: 'app',
    async run({ onConnectionsOpen }) {
      if (!onConnectionsOpen) {
        return fail(
          'internal_error',
          '[ERROR] no Socket Mode hub: pass onConnectionsOpen to startWebApiServer',
        );
      }
      return { url: await onConnectionsOpen() };
    },
  },
};
