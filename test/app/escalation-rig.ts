import { recordStatus } from '../../src/app/record-status.ts';
import type { ResolvedConfig } from '../../src/config/resolved-config.ts';
import type { KepState } from '../../src/domain/kep-state.ts';
import type { BlockerRef } from '../../src/domain/status-command.ts';
import type { Chat } from '../../src/ports/chat.ts';
import type { EscalationDeps } from '../../src/ports/escalation.ts';
import type { Logger } from '../../src/ports/logger.ts';
import type { Store } from '../../src/ports/store.ts';
import { createEscalationMessages } from '../../src/slack/blocks/escalation-blocks.ts';
import { escalationSettingsFrom } from '../../src/wiring/escalation.ts';
import { statusPolicyFrom } from '../../src/wiring/status-policy.ts';
import { enhancements } from '../fakes/enhancements-repo.ts';
import type { FakeClock } from '../fakes/fake-clock.ts';
import { RecordingChat, releaseChannel, sigChannel } from './schedule-rig.ts';

const escalationMessages = createEscalationMessages(enhancements);

export const pmChannel = 'C0PM00000';

/** A RecordingChat that also records updates (once per key) and ephemerals. */
export class EscalationChat extends RecordingChat {
  updates = new Map<string, { target: string; text: string; blocks: unknown[] }>();
  override update: Chat['update'] = async (m) => {
    const target = 'key' in m.target ? m.target.key : `${m.target.channel}/${m.target.ts}`;
    if (!('key' in m.target) || !this.sent.has(m.target.key)) throw new Error(`update of unknown ${target}`);
    if (!this.updates.has(m.key)) this.updates.set(m.key, { target, text: m.text, blocks: m.blocks ?? [] });
    return { key: m.key, status: 'pending', channel: null, ts: null, error: null, attempts: 0 };
  };
  /** The latest content of a message: its last update, else the post. */
  latest(key: string): string {
    const updates = [...this.updates.values()].filter((u) => u.target === key);
    return JSON.stringify(updates.at(-1)?.blocks ?? this.sent.get(key)?.blocks ?? []);
  }
}

export function escalationDeps(
  store: Store,
  chat: Chat,
  clock: FakeClock,
  config: ResolvedConfig,
  logger: Logger,
  roundThread?: (sig: string) => string | null,
): EscalationDeps {
  return {
    store,
    chat,
    clock,
    logger,
    messages: escalationMessages,
    settings: escalationSettingsFrom(config),
    channels: { pm: pmChannel, release: releaseChannel, sig: sigChannel, named: () => null },
    ...(roundThread ? { roundThread } : {}),
  };
}

let seq = 0;

/** Records a status update as a facilitator would with `/kep-status`; throws when refused. */
export function report(
  store: Store,
  clock: FakeClock,
  config: ResolvedConfig,
  who: string,
  kep: number,
  state: KepState,
  blockers: BlockerRef[] = [],
) {
  const slackUser = store.people.getByGithub(who)?.slack;
  if (!slackUser) throw new Error(`${who} has no Slack user`);
  const result = recordStatus({ store, clock }, statusPolicyFrom(config), {
    slackUser,
    kep,
    state,
    confidence: null,
    increment: null,
    note: '',
    blockers,
    source: 'command',
    idempotencyKey: `test:${++seq}`,
  });
  if (!result.ok) throw new Error(result.message);
  return result;
}
