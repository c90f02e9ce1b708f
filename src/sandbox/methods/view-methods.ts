import { type Args, jsonField, optionalString, requiredString } from '../api-args.ts';
import { fail } from '../api-error.ts';
import { viewProblems } from '../check-blocks.ts';
import { toWireView } from '../wire-shapes.ts';
import type { SandboxView, SlackWorkspace } from '../workspace.ts';
import type { MethodSpec } from './method.ts';

/** views.open, views.push, views.update and views.publish. */
export const viewMethods: Record<string, MethodSpec> = {
  'views.open': {
    token: 'bot',
    run({ ws, args }) {
      const view = readView(ws, args, 'modal');
      const user = spendTrigger(ws, args);
      return { view: toWireView(ws, ws.openModal(user, view)) };
    },
  },
  'views.push': {
    token: 'bot',
    run({ ws, args }) {
      const view = readView(ws, args, 'modal');
      const user = spendTrigger(ws, args);
      const top = ws.topModal(user);
      if (!top) return fail('not_found', `[ERROR] ${user} has no open modal to push onto`);
      const pushed = ws.pushModal(top.id, view);
      if ('error' in pushed) return fail(pushed.error, '[ERROR] a modal stack holds at most 3 views');
      return { view: toWireView(ws, pushed) };
    },
  },
  'views.update': {
    token: 'bot',
    run({ ws, args }) {
      const target = findTarget(ws, args);
      const view = readView(ws, args, target.type, target.id);
      checkHash(args, target);
      return { view: toWireView(ws, ws.replaceView(target.id, view)!) };
    },
  },
  'views.publish': {
    token: 'bot',
    run({ ws, args }) {
      const ref = requiredString(args, 'user_id', 'user_not_found');
      const user = ws.findUser(ref);
      if (!user) return fail('user_not_found', `[ERROR] no user ${ref}`);
      const view = readView(ws, args, 'home');
      const existing = ws.home(user.id);
      if (existing) checkHash(args, existing);
      return { view: toWireView(ws, ws.publishHome(user.id, view)) };
    },
  },
};

function readView(
  ws: SlackWorkspace,
  args: Args,
  type: 'modal' | 'home',
  selfId?: string,
): Record<string, unknown> {
  const view = jsonField(args, 'view', 'invalid_arguments');
  if (view === undefined) return fail('invalid_arguments', '[ERROR] missing required field: view');
  const problems = viewProblems(view, type);
  if (problems.length > 0) fail('invalid_arguments', ...problems.map((p) => `[ERROR] ${p}`));
  const v = view as Record<string, unknown>;
  if (typeof v.external_id === 'string') {
    const holder = ws.viewByExternalId(v.external_id);
    if (holder && holder.id !== selfId)
      fail('duplicate_external_id', `[ERROR] ${v.external_id} is used by ${holder.id}`);
  }
  return v;
}

function spendTrigger(ws: SlackWorkspace, args: Args): string {
  const triggerId = requiredString(args, 'trigger_id');
  const spent = ws.consumeTrigger(triggerId);
  if ('error' in spent) {
    return fail(spent.error, '[ERROR] trigger_ids are single use and expire 3 s after the interaction');
  }
  return spent.user;
}

function findTarget(ws: SlackWorkspace, args: Args): SandboxView {
  const viewId = optionalString(args, 'view_id');
  const externalId = optionalString(args, 'external_id');
  if (viewId === undefined && externalId === undefined) {
    return fail('invalid_arguments', '[ERROR] pass view_id or external_id');
  }
  const found = viewId !== undefined ? ws.view(viewId) : ws.viewByExternalId(externalId!);
  if (!found || found.closed) return fail('not_found', `[ERROR] no open view ${viewId ?? externalId}`);
  return found;
}

function checkHash(args: Args, current: SandboxView): void {
  const hash = optionalString(args, 'hash');
  if (hash !== undefined && hash !== current.hash) {
    fail('hash_conflict', `[ERROR] hash ${hash} is stale; the view is now at ${current.hash}`);
  }
}
