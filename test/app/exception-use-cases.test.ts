import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideException } from '../../src/app/decide-exception.ts';
import { importBoardExceptions } from '../../src/app/import-board-exceptions.ts';
import { requestException } from '../../src/app/request-exception.ts';
import { defaultBoardFieldNames } from '../../src/domain/board.ts';
import { boardRequester } from '../../src/domain/board-exception.ts';
import type { Chat } from '../../src/ports/chat.ts';
import type { PlanningDeps } from '../../src/ports/planning.ts';
import { createVoteMessages, planningMessages } from '../../src/slack/messages.ts';
import { makeKep, makePerson } from '../db/factories.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';
import { enhancements } from '../fakes/enhancements-repo.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { RecordingChat, recordingLogger } from './schedule-rig.ts';

const voteMessages = createVoteMessages(enhancements);

class DeliveringChat extends RecordingChat {
  updates: Array<{ key: string; text: string }> = [];
  override update: Chat['update'] = async (m) => {
    this.updates.push({ key: m.key, text: m.text });
    return { key: m.key, status: 'pending', channel: null, ts: null, error: null, attempts: 0 };
  };
  override getDelivery: Chat['getDelivery'] = async (key) =>
    this.sent.has(key)
      ? { key, status: 'sent', channel: 'C0RELEASE0', ts: '1760781600.000200', error: null, attempts: 1 }
      : null;
}

const LEAD = 'U0000000001';
const ALICE = 'U0000000003';
const answers = (over: Record<string, string> = {}) => ({
  kep: '5532',
  freeze: 'enhancements-freeze',
  missing: 'PRR <!here> approval',
  additionalTime: '2 days',
  risk: 'Low',
  pullRequests: 'https://github.com/kubernetes/enhancements/pull/5628',
  ...over,
});

let t: TempStore;
let clock: FakeClock;
let chat: DeliveringChat;
let deps: PlanningDeps;
beforeEach(() => {
  t = tempStore();
  clock = new FakeClock('2025-10-18T10:00:00Z');
  chat = new DeliveringChat(clock);
  const logger = recordingLogger();
  t.store.people.upsertMany([makePerson({ github: 'lena', slack: LEAD })]);
  t.store.keps.upsertMany([makeKep({ number: 5532, title: 'Restart all containers' })], clock.now());
  deps = {
    store: t.store,
    chat,
    clock,
    logger,
    messages: planningMessages,
    settings: {
      release: 'v1.35',
      codingPeriod: null,
      calendar: [
        {
          name: 'Enhancements Freeze',
          kind: 'enhancements-freeze',
          who: null,
          week: 5,
          at: '2025-10-17T12:00:00Z',
          date: null,
          endDate: null,
          aoe: true,
        },
      ],
      readoutAt: null,
      releaseChannel: 'C0RELEASE0',
      admins: [],
      planners: {},
      facilitators: {},
      voteOwner: LEAD,
      exceptions: {
        deciders: [LEAD],
        windowBeforeMs: 86_400_000,
        windowAfterMs: 2 * 86_400_000,
        freezes: ['enhancements-freeze', 'code-freeze'],
      },
      vote: { quorum: { kind: 'all' }, hideValues: true, durationMs: 1, remindAt: [] },
      github: {
        repo: 'kubernetes/enhancements',
        approvedLabel: 'milestone-approved',
        optedInLabel: 'lead-opted-in',
      },
      permissions: { reporters: {}, releaseLead: 'lena', releaseTeam: ['lena'], exceptionDeciders: ['lena'] },
      board: null,
    },
    votes: {
      store: t.store,
      chat,
      clock,
      logger,
      messages: voteMessages,
      settings: { approvedLabel: 'x', repo: 'x/y', closers: [] },
    },
  };
});
afterEach(() => t.cleanup());

describe('requestException', () => {
  it('records and posts a request once per submission, escaped, with the buttons', async () => {
    const first = await requestException(deps, {
      slackUser: ALICE,
      answers: answers(),
      idempotencyKey: 'v1',
    });
    const again = await requestException(deps, {
      slackUser: ALICE,
      answers: answers(),
      idempotencyKey: 'v1',
    });
    expect(first.ok && again.ok && [first.created, again.created, again.request.id]).toEqual([
      true,
      false,
      first.ok && first.request.id,
    ]);
    const post = chat.sent.get('exception:v1')!;
    expect(post.channel).toBe('C0RELEASE0');
    expect(JSON.stringify(post.blocks)).toContain('PRR &lt;!here&gt; approval');
    expect(JSON.stringify(post.blocks)).toContain('exception_approve');
    expect(first.ok && first.request).toMatchObject({
      kep: 5532,
      kepTitle: 'Restart all containers',
      sig: 'sig-node',
      status: 'open',
    });
  });

  it.each([
    ['an unknown KEP', { kep: '999999' }, 'kep', 'not one Drumbeat knows'],
    ['a freeze outside its window', {}, 'freeze', 'closed at 2025-10-19 12:00 UTC'],
    ['a freeze not in the calendar', { freeze: 'code-freeze' }, 'freeze', 'not in this release'],
    ['a freeze not configured', { freeze: 'docs-freeze' }, 'freeze', 'Pick the freeze'],
  ])('refuses %s on its field', async (_name, change, field, message) => {
    if (message.startsWith('closed')) clock.advance(2 * 86_400_000);
    const result = await requestException(deps, {
      slackUser: ALICE,
      answers: answers(change),
      idempotencyKey: 'v2',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field as 'kep']).toContain(message);
    expect(t.store.planning.listExceptions('v1.35')).toEqual([]);
  });
});

describe('decideException', () => {
  it('lets only deciders decide, records who and when and the thread, once', async () => {
    const requested = await requestException(deps, {
      slackUser: ALICE,
      answers: answers(),
      idempotencyKey: 'v1',
    });
    if (!requested.ok) throw new Error('request refused');
    const id = requested.request.id;
    const refused = await decideException(deps, { id, decision: 'approved', by: ALICE });
    expect(refused.ok || refused.message).toBe(
      `Only the exception deciders may approve or reject exception requests: <@${LEAD}>.`,
    );
    clock.advance(60_000);
    const decided = await decideException(deps, { id, decision: 'approved', by: LEAD });
    expect(decided.ok && decided.decided).toBe(true);
    expect(t.store.planning.getException(id)).toMatchObject({
      status: 'approved',
      decidedBy: LEAD,
      decidedAt: '2025-10-18T10:01:00.000Z',
      threadUrl: 'https://slack.com/archives/C0RELEASE0/p1760781600000200',
    });
    const second = await decideException(deps, { id, decision: 'rejected', by: LEAD });
    expect(second.ok && [second.decided, second.request.status]).toEqual([false, 'approved']);
    expect(chat.updates.map((u) => u.key)).toEqual(['exception:v1:decided']);
    const reply = chat.sent.get('exception:v1:decision')!;
    expect(reply.threadOf).toBe('exception:v1');
    expect(JSON.stringify(reply.blocks)).toContain(`<@${ALICE}>`);
    expect(await decideException(deps, { id: 999, decision: 'approved', by: LEAD })).toEqual({
      ok: false,
      message: 'This exception request no longer exists.',
    });
  });
});

describe('exception requests made on the tracking board', () => {
  const onBoard = (itemId: string, kep: number, fields: Record<string, string>) =>
    t.store.githubSnapshots.putBoardItem(
      {
        board: 'kubernetes/264',
        itemId,
        issueRepo: 'kubernetes/enhancements',
        issueNumber: kep,
        status: fields.Status ?? null,
        stage: null,
        sig: null,
        prrStatus: null,
        fields,
        archived: false,
        updatedAt: '2025-10-18T09:00:00Z',
      },
      clock.now(),
    );

  beforeEach(() => {
    deps.settings.board = { key: 'kubernetes/264', names: defaultBoardFieldNames };
    t.store.keps.upsertMany([makeKep({ number: 4444, title: 'Board <!channel> KEP' })], clock.now());
  });

  it('records each new board request once, posts the open ones in the release channel, keeps board decisions', async () => {
    onBoard('I1', 4444, {
      'Exception Request Type': 'Code and Test Freeze',
      'Exception Status': 'In Review',
      'Exception Request Date': '2025-10-17',
      'Exception Related PRs': 'https://github.com/kubernetes/kubernetes/pull/1',
      'Exception Request Slack Thread': 'https://kubernetes.slack.com/archives/C2C40FMNF/p1',
    });
    onBoard('I2', 5532, {
      'Exception Request Type': 'Enhancements Freeze',
      'Exception Status': 'Approved',
      'Exception Decision Date': '2025-10-18',
    });
    onBoard('I3', 7777, { 'Exception Request Type': 'PRR Freeze', 'Exception Status': 'In Review' });

    expect(await importBoardExceptions(deps, clock.now())).toBe(2);
    expect(await importBoardExceptions(deps, clock.now())).toBe(0);

    const requests = t.store.planning.listExceptions('v1.35');
    expect(requests.map((r) => [r.kep, r.freeze, r.status, r.requester, r.decidedBy])).toEqual([
      [4444, 'code-freeze', 'open', boardRequester, null],
      [5532, 'enhancements-freeze', 'approved', boardRequester, boardRequester],
    ]);
    expect(requests[0]).toMatchObject({
      requestedAt: '2025-10-17T00:00:00.000Z',
      pullRequests: ['https://github.com/kubernetes/kubernetes/pull/1'],
    });
    const posts = [...chat.sent.values()];
    expect(posts).toHaveLength(1);
    expect(posts[0]!.channel).toBe('C0RELEASE0');
    expect(posts[0]!.text).toContain('KEP-4444');
    expect(JSON.stringify(posts[0]!.blocks)).toContain('The tracking board asks');
    expect(JSON.stringify(posts)).not.toContain('<!channel>');
  });

  it('leaves a board request Slack already has alone', async () => {
    await requestException(deps, { slackUser: ALICE, answers: answers(), idempotencyKey: 'v1' });
    onBoard('I2', 5532, { 'Exception Request Type': 'Enhancements Freeze', 'Exception Status': 'In Review' });
    expect(await importBoardExceptions(deps, clock.now())).toBe(0);
    expect(t.store.planning.listExceptions('v1.35')).toHaveLength(1);
  });
});
