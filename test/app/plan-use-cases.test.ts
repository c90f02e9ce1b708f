import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postReadout } from '../../src/app/post-readout.ts';
import { savePlan } from '../../src/app/save-plan.ts';
import type { Chat } from '../../src/ports/chat.ts';
import type { PlanningDeps, PlanningSettings } from '../../src/ports/planning.ts';
import { createVoteMessages, planningMessages } from '../../src/slack/messages.ts';
import { makeKep, makePerson } from '../db/factories.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';
import { enhancements } from '../fakes/enhancements-repo.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { RecordingChat, recordingLogger } from './schedule-rig.ts';

const voteMessages = createVoteMessages(enhancements);

/** RecordingChat whose posts are "delivered" (getDelivery has a ts) and updates are recorded. */
class DeliveringChat extends RecordingChat {
  override getDelivery: Chat['getDelivery'] = async (key) => {
    const sent = this.sent.get(key);
    return sent
      ? {
          key,
          status: 'sent',
          channel: sent.channel ?? 'C0RELEASE0',
          ts: '1758729600.000100',
          error: null,
          attempts: 1,
        }
      : null;
  };
}

const ALICE = 'U0000000003';
const BOB = 'U0000000004';
const LEAD = 'U0000000001';

function settings(over: Partial<PlanningSettings> = {}): PlanningSettings {
  return {
    release: 'v1.35',
    codingPeriod: {
      start: '2025-09-15',
      increments: 4,
      weeksPerIncrement: 2,
      confidenceCaps: [100, 80, 60, 40],
    },
    calendar: [],
    readoutAt: '2025-09-24T16:00:00.000Z',
    releaseChannel: 'C0RELEASE0',
    admins: ['lena'],
    planners: { 'sig-node': ['alice'], 'sig-scheduling': ['bob'] },
    facilitators: { 'sig-node': ['alice'], 'sig-scheduling': ['bob'], 'sig-auth': ['chen'] },
    voteOwner: LEAD,
    exceptions: { deciders: [LEAD], windowBeforeMs: 0, windowAfterMs: 0, freezes: ['enhancements-freeze'] },
    vote: { quorum: { kind: 'all' }, hideValues: true, durationMs: 72 * 3_600_000, remindAt: [] },
    github: {
      repo: 'kubernetes/enhancements',
      approvedLabel: 'milestone-approved',
      optedInLabel: 'lead-opted-in',
    },
    permissions: {
      reporters: { 'sig-node': ['alice'], 'sig-scheduling': ['bob'] },
      releaseLead: 'lena',
      releaseTeam: ['lena'],
      exceptionDeciders: ['lena'],
    },
    board: null,
    ...over,
  };
}

let t: TempStore;
let clock: FakeClock;
let chat: DeliveringChat;
let deps: PlanningDeps;
beforeEach(() => {
  t = tempStore();
  clock = new FakeClock('2025-09-22T10:00:00Z');
  chat = new DeliveringChat(clock);
  const logger = recordingLogger();
  t.store.people.upsertMany([
    makePerson({ github: 'alice', slack: ALICE }),
    makePerson({ github: 'bob', slack: BOB }),
    makePerson({ github: 'lena', slack: LEAD }),
  ]);
  t.store.keps.upsertMany(
    [
      makeKep({ number: 1287 }),
      makeKep({ number: 4742 }),
      makeKep({ number: 5471, owningSig: 'sig-scheduling' }),
    ],
    clock.now(),
  );
  deps = {
    store: t.store,
    chat,
    clock,
    logger,
    messages: planningMessages,
    settings: settings(),
    votes: {
      store: t.store,
      chat,
      clock,
      logger,
      messages: voteMessages,
      settings: { approvedLabel: 'milestone-approved', repo: 'kubernetes/enhancements', closers: [LEAD] },
    },
  };
});
afterEach(() => t.cleanup());

const row = (kep: number, increments: string, dependsOn = '', releaseNote = 'A note.') => ({
  kep,
  increments,
  dependsOn,
  releaseNote,
});

describe('savePlan', () => {
  it('saves versions, keeps rows a form did not show, and is idempotent per submission', async () => {
    const first = await savePlan(deps, {
      sig: 'sig-node',
      slackUser: ALICE,
      entries: [row(1287, '1:100, 2:80')],
      idempotencyKey: 'a',
    });
    expect(first.ok && first.plan.version).toBe(1);
    const again = await savePlan(deps, {
      sig: 'sig-node',
      slackUser: ALICE,
      entries: [row(1287, '1:100')],
      idempotencyKey: 'a',
    });
    expect(again.ok && [again.plan.version, again.created]).toEqual([1, false]);
    const second = await savePlan(deps, {
      sig: 'sig-node',
      slackUser: ALICE,
      entries: [row(4742, '2:80', '#5471')],
      idempotencyKey: 'b',
    });
    expect(second.ok && second.plan.entries.map((e) => [e.kep, e.dependsOn])).toEqual([
      [1287, []],
      [4742, [5471]],
    ]);
    const cleared = await savePlan(deps, {
      sig: 'sig-node',
      slackUser: ALICE,
      entries: [row(1287, '', '', '')],
      idempotencyKey: 'c',
    });
    expect(cleared.ok && cleared.plan.entries.map((e) => e.kep)).toEqual([4742]);
    expect(t.store.planning.listPlans('v1.35', 'sig-node').map((p) => p.version)).toEqual([1, 2, 3]);
  });

  it.each([
    [
      'a person who does not plan the SIG',
      BOB,
      [row(1287, '1:100')],
      "Only sig-node's reporters or the release team may commit sig-node's plan",
    ],
    ['an unknown Slack user', 'U9', [row(1287, '1:100')], 'does not know your Slack user'],
  ])('refuses %s', async (_name, user, entries, message) => {
    const result = await savePlan(deps, { sig: 'sig-node', slackUser: user, entries, idempotencyKey: 'x' });
    expect(result.ok || result.message).toContain(message);
  });

  it.each([
    [row(1287, '2:90'), 'increments', 'above the 80% cap'],
    [row(1287, '2:80', 'sig-auth'), 'dependsOn', 'not a KEP number'],
    [row(1287, '2:80', '#1287'), 'dependsOn', 'cannot depend on itself'],
    [row(1287, '2:80', '', ' '), 'releaseNote', 'Write the line'],
    [row(1287, '', '#4742'), 'increments', 'Say when it lands'],
  ] as const)('answers row by row: %j', async (entry, field, message) => {
    const result = await savePlan(deps, {
      sig: 'sig-node',
      slackUser: ALICE,
      entries: [entry],
      idempotencyKey: 'y',
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toEqual([{ kep: 1287, field, message: expect.stringContaining(message) }]);
    expect(t.store.planning.latestPlan('v1.35', 'sig-node')).toBeNull();
  });
});

describe('postReadout', () => {
  it('waits for its date and for plans, posts once, starts the vote, and on approval marks plans and plans labels once', async () => {
    expect((await postReadout(deps, new Date('2025-09-24T15:00:00Z'))).step).toBe('not-due');
    const due = new Date('2025-09-24T16:00:00Z');
    expect((await postReadout(deps, due)).step).toBe('waiting-for-plans');
    await savePlan(deps, {
      sig: 'sig-node',
      slackUser: ALICE,
      entries: [row(1287, '2:80')],
      idempotencyKey: 'n',
    });
    await savePlan(deps, {
      sig: 'sig-scheduling',
      slackUser: BOB,
      entries: [row(5471, '3:60', '#4742')],
      idempotencyKey: 's',
    });
    clock.advance(3 * 86_400_000);
    expect((await postReadout(deps, clock.now())).step).toBe('vote-started');
    const parent = chat.sent.get('planning:v1.35:readout')!;
    expect(parent.channel).toBe('C0RELEASE0');
    expect(JSON.stringify(parent.blocks)).toContain("sig-scheduling plans on sig-node's #4742");
    expect(JSON.stringify(parent.blocks)).toContain('No plan yet from sig-auth');
    expect(chat.keys('planning:v1.35:plan:')).toEqual([
      'planning:v1.35:plan:sig-node:v1',
      'planning:v1.35:plan:sig-scheduling:v1',
    ]);
    const readout = t.store.planning.getReadout('v1.35')!;
    expect(t.store.votes.electors(readout.voteId!)).toEqual([ALICE, BOB]);
    expect(t.store.votes.get(readout.voteId!)!.threadTs).toBe('1758729600.000100');
    expect((await postReadout(deps, clock.now())).step).toBe('voting');

    const round = t.store.votes.rounds(readout.voteId!)[0]!;
    t.store.votes.closeRound(round.id, {
      closedAt: clock.now().toISOString(),
      reason: 'all-voted',
      outcome: 'approved',
      by: null,
    });
    expect((await postReadout(deps, clock.now())).step).toBe('approved');
    expect(t.store.planning.latestPlans('v1.35').map((p) => p.approvedAt)).toEqual([
      clock.now().toISOString(),
      clock.now().toISOString(),
    ]);
    expect(t.store.githubWriteBack.list('planned').map((a) => a.issueNumber)).toEqual([1287, 5471]);
    expect((await postReadout(deps, clock.now())).step).toBe('done');
    expect(chat.repeats).toEqual([]);
    // the approved plan is closed to edits
    const late = await savePlan(deps, {
      sig: 'sig-node',
      slackUser: ALICE,
      entries: [row(4742, '2:80')],
      idempotencyKey: 'late',
    });
    expect(late.ok || late.message).toContain('needs an exception');
  });

  it('posts a plan saved after the readout in its thread as an update', async () => {
    await savePlan(deps, {
      sig: 'sig-node',
      slackUser: ALICE,
      entries: [row(1287, '2:80')],
      idempotencyKey: 'n',
    });
    await postReadout(deps, new Date('2025-09-24T16:00:00Z'));
    await savePlan(deps, {
      sig: 'sig-node',
      slackUser: ALICE,
      entries: [row(4742, '2:80')],
      idempotencyKey: 'n2',
    });
    const update = chat.sent.get('planning:v1.35:plan:sig-node:v2')!;
    expect(update.threadOf).toBe('planning:v1.35:readout');
    expect(update.text).toContain('sig-node plan v2 (updated)');
  });

  it('does nothing without a configured date', async () => {
    deps.settings = settings({ readoutAt: null });
    expect(await postReadout(deps, new Date('2030-01-01T00:00:00Z'))).toEqual({
      step: 'not-configured',
      nextDueAt: null,
    });
  });
});
