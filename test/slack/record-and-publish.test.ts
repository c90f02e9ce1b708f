/**
 * A status update and the channel post that announces it are stored in one transaction, on a real
 * SQLite file with the real outbox: both are kept, or, when storing the post fails, neither (the
 * process dying between the two can no longer leave an update nobody was told about).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatusPolicy } from '../../src/app/record-status.ts';
import { repoLinksFor } from '../../src/domain/repo-links.ts';
import type { Clock } from '../../src/ports/clock.ts';
import type { BotContext } from '../../src/slack/context.ts';
import { createOutbox } from '../../src/slack/outbox/create-outbox.ts';
import { recordAndPublishStatus, statusPostKey } from '../../src/slack/publish-status.ts';
import { createSlackChat } from '../../src/slack/slack-chat.ts';
import { createLogger } from '../../src/system/logger.ts';
import { makeKep, makePerson, makeSig } from '../db/factories.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { FakeSlack } from './outbox/fake-slack.ts';

const alice = makePerson({ github: 'alice', slack: 'UALICE0001' });
const policy: StatusPolicy = {
  release: 'v1.35',
  codingPeriod: null,
  admins: [],
  updaters: { 'sig-node': ['alice'] },
  repo: 'kubernetes/enhancements',
};
const now = new Date('2026-06-24T12:00:00Z');
const clock: Clock = { now: () => now };

let db: TempStore;
let slack: FakeSlack;
let ctx: BotContext;

beforeEach(async () => {
  db = tempStore();
  db.store.people.upsertMany([alice]);
  db.store.sigs.upsertMany([makeSig({ dir: 'sig-node', facilitators: ['alice'] })]);
  db.store.keps.upsertMany([makeKep({ number: 4222, title: 'Pod resize', owningSig: 'sig-node' })], now);
  slack = await new FakeSlack(new FakeClock()).start();
  const outbox = createOutbox({
    db: db.db,
    clients: { interactive: slack.client('xoxb-i'), scheduled: slack.client('xoxb-s') },
    clock,
    logger: createLogger({ level: 'silent' }),
  });
  ctx = {
    store: db.store,
    chat: createSlackChat({ outbox, clock }),
    clock,
    logger: createLogger({ level: 'silent' }),
    channels: { pm: null, release: null, sig: (dir: string) => (dir === 'sig-node' ? 'C0123NODE' : null) },
    statusPolicy: policy,
    repo: repoLinksFor('kubernetes/enhancements'),
  } as unknown as BotContext;
});
afterEach(async () => {
  await slack.close();
  db.cleanup();
});

const update = (key: string) => ({
  slackUser: alice.slack!,
  kep: 4222,
  state: 'at-risk' as const,
  confidence: null,
  increment: null,
  note: `note ${key}`,
  blockers: [],
  source: 'command' as const,
  idempotencyKey: key,
});

const count = (sql: string) => (db.db.prepare(sql).get() as { n: number }).n;

describe('recordAndPublishStatus', () => {
  it('stores the update and its channel post together', () => {
    const { result, postedTo } = recordAndPublishStatus(ctx, update('k1'));
    if (!result.ok) throw new Error(result.message);
    expect(postedTo).toBe('C0123NODE');
    const post = ctx.chat.deliveryNow(statusPostKey(result.update.id));
    expect(post).toMatchObject({ status: 'pending', channel: 'C0123NODE' });
    // a retried delivery of the same request stores neither again
    const again = recordAndPublishStatus(ctx, update('k1'));
    expect(again.result.ok && again.result.duplicate).toBe(true);
    expect(count('SELECT count(*) AS n FROM status_updates')).toBe(1);
    expect(count("SELECT count(*) AS n FROM slack_outbox WHERE key LIKE 'status:%'")).toBe(1);
  });

  it('keeps neither when the post cannot be stored', () => {
    recordAndPublishStatus(ctx, update('k1'));
    const failing = {
      ...ctx,
      chat: {
        ...ctx.chat,
        postNow: () => {
          throw new Error('disk full');
        },
      },
    } as BotContext;
    expect(() => recordAndPublishStatus(failing, update('k2'))).toThrow('disk full');
    expect(count('SELECT count(*) AS n FROM status_updates')).toBe(1);
    expect(count("SELECT count(*) AS n FROM status_updates WHERE note = 'note k2'")).toBe(0);
    expect(count("SELECT count(*) AS n FROM slack_outbox WHERE key LIKE 'status:%'")).toBe(1);
    // and the update goes through once the post can be stored
    const { result } = recordAndPublishStatus(ctx, update('k2'));
    expect(result.ok).toBe(true);
    expect(count("SELECT count(*) AS n FROM slack_outbox WHERE key LIKE 'status:%'")).toBe(2);
  });

  it('stores nothing for a refused update', () => {
    const { result, postedTo } = recordAndPublishStatus(ctx, { ...update('k3'), slackUser: 'USTRANGER1' });
    expect(result.ok).toBe(false);
    expect(postedTo).toBeNull();
    expect(count('SELECT count(*) AS n FROM status_updates')).toBe(0);
    expect(count('SELECT count(*) AS n FROM slack_outbox')).toBe(0);
  });
});
