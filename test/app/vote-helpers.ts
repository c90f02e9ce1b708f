import type { StartVoteInput } from '../../src/app/start-vote.ts';
import type { Chat, ChatDm, ChatEphemeral, ChatPost, ChatUpdate, DeliveryRef } from '../../src/ports/chat.ts';
import type { Logger } from '../../src/ports/logger.ts';
import type { VoteDeps } from '../../src/ports/vote-messages.ts';
import { createVoteMessages } from '../../src/slack/messages.ts';
import { tempStore } from '../db/temp-db.ts';
import { enhancements } from '../fakes/enhancements-repo.ts';
import { FakeClock } from '../fakes/fake-clock.ts';

const voteMessages = createVoteMessages(enhancements);

export type Recorded =
  | ({ kind: 'post' } & ChatPost)
  | ({ kind: 'update' } & ChatUpdate)
  | ({ kind: 'dm' } & ChatDm)
  | ({ kind: 'ephemeral' } & ChatEphemeral);

/** A Chat that records every call once per key and reports every post as sent in C-VOTES. */
export class RecordingChat implements Chat {
  readonly calls: Recorded[] = [];
  readonly #byKey = new Map<string, Recorded>();
  #ts = 1;

  #record(call: Recorded): Promise<DeliveryRef> {
    if (!this.#byKey.has(call.key)) {
      this.#byKey.set(call.key, call);
      this.calls.push(call);
    }
    return Promise.resolve(this.#ref(call.key)!);
  }
  #ref(key: string): DeliveryRef | null {
    if (!this.#byKey.has(key)) return null;
    return {
      key,
      status: 'sent',
      channel: 'CVOTES',
      ts: `1700000000.${String(this.#ts++).padStart(6, '0')}`,
      error: null,
      attempts: 1,
    };
  }
  post = (msg: ChatPost) => this.#record({ kind: 'post', ...msg });
  update = (msg: ChatUpdate) => this.#record({ kind: 'update', ...msg });
  dm = (msg: ChatDm) => this.#record({ kind: 'dm', ...msg });
  ephemeral = (msg: ChatEphemeral) => this.#record({ kind: 'ephemeral', ...msg });
  publishHome = () => Promise.reject(new Error('not used'));
  getDelivery = (key: string) => Promise.resolve(this.#ref(key));
  waitFor = (key: string) => this.getDelivery(key);
  /** Key prefixes withdrawn, with the reason. */
  readonly withdrawn: Array<{ prefix: string; reason: string }> = [];
  withdraw = (prefix: string, reason: string) => {
    this.withdrawn.push({ prefix, reason });
    return Promise.resolve(0);
  };

  of(kind: Recorded['kind']): Recorded[] {
    return this.calls.filter((c) => c.kind === kind);
  }
  keys(): string[] {
    return this.calls.map((c) => c.key);
  }
}

export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};

/** Vote deps over a real migrated SQLite store, a recording chat and a fake clock. */
export function voteHarness(start = '2026-06-01T10:00:00.000Z') {
  const temp = tempStore();
  const clock = new FakeClock(start);
  const chat = new RecordingChat();
  const deps: VoteDeps = {
    store: temp.store,
    chat,
    clock,
    logger: silentLogger,
    messages: voteMessages,
    settings: { approvedLabel: 'milestone-approved', repo: 'kubernetes/enhancements', closers: ['UTEAM'] },
  };
  return { ...temp, clock, chat, deps };
}

export const hour = 3_600_000;

/** A vote on three people, 72h, quorum all, values hidden, reminders at 50% and 2h before. */
export function voteInput(overrides: Partial<StartVoteInput> = {}): StartVoteInput {
  return {
    question: 'Do we commit to the v1.37 plan?',
    owner: 'UOWNER',
    channel: 'CVOTES',
    threadTs: null,
    electorate: { kind: 'people', source: null, members: ['UALICE', 'UBOB', 'UCHEN'] },
    quorum: { kind: 'all' },
    hideValues: true,
    durationMs: 72 * hour,
    remindAt: [
      { kind: 'elapsed-share', share: 0.5 },
      { kind: 'before-close', ms: 2 * hour },
    ],
    link: 'https://example.com/plan',
    kepIssues: [4222, 3386],
    idempotencyKey: 'view:V1',
    ...overrides,
  };
}
