import { requiredString } from '../api-args.ts';
import { fail } from '../api-error.ts';
import { paginate } from '../pagination.ts';
import { toWireUser } from '../wire-shapes.ts';
import type { MethodSpec } from './method.ts';

/** users.info, users.list, users.lookupByEmail and usergroups.users.list. */
export const userMethods: Record<string, MethodSpec> = {
  'users.info': {
    token: 'bot',
    run({ ws, args }) {
      const ref = requiredString(args, 'user', 'user_not_found');
      const user = ws.findUser(ref);
      if (!user) return fail('user_not_found', `[ERROR] no user ${ref}`);
      return { user: toWireUser(ws, user) };
    },
  },
  'users.list': {
    token: 'bot',
    run({ ws, args }) {
      const page = paginate(ws.users(), args, { limit: 100, max: 1000 });
      const members = page.items.map((u) => toWireUser(ws, u));
      const cache_ts = Math.floor(ws.now().getTime() / 1000);
      return { members, cache_ts, response_metadata: { next_cursor: page.nextCursor } };
    },
  },
  'users.lookupByEmail': {
    token: 'bot',
    run({ ws, args }) {
      const email = requiredString(args, 'email', 'users_not_found').toLowerCase();
      const user = ws.users().find((u) => u.email?.toLowerCase() === email);
      if (!user) return fail('users_not_found', `[ERROR] nobody has the email ${email}`);
      return { user: toWireUser(ws, user) };
    },
  },
  'usergroups.users.list': {
    token: 'bot',
    run({ ws, args }) {
      const ref = requiredString(args, 'usergroup', 'no_such_subteam');
      const group = ws.usergroup(ref);
      if (!group) return fail('no_such_subteam', `[ERROR] no user group ${ref}`);
      return { users: [...group.users] };
    },
  },
};
