import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/app/build-digest.ts';
import { currentDrift } from '../../src/app/find-drift.ts';
import { listSigKeps } from '../../src/app/list-sig-keps.ts';
import { roundRows } from '../../src/app/open-round.ts';
import { removeFromMilestone, restoreToMilestone } from '../../src/app/remove-from-milestone.ts';
import { showKepCard } from '../../src/app/show-kep-card.ts';
import { defaultBoardFieldNames } from '../../src/domain/board.ts';
import { findDrift } from '../../src/domain/drift.ts';
import type { RemovalDeps } from '../../src/ports/removal.ts';
import { buildDigestBlocks } from '../../src/slack/blocks/digest-blocks.ts';
import { createRemovalMessages } from '../../src/slack/blocks/removal-blocks.ts';
import { makeKep, makeMilestone, makePerson, makeSig } from '../db/factories.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';
import { enhancements } from '../fakes/enhancements-repo.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { RecordingChat, recordingLogger } from './schedule-rig.ts';

const LEAD = 'U0000000001';
const ALICE = 'U0000000003';
const release = 'v1.35';
const board = 'kubernetes/1';

let t: TempStore;
let clock: FakeClock;
let chat: RecordingChat;
let deps: RemovalDeps;

function makeDeps(over: Partial<RemovalDeps['settings']> = {}): RemovalDeps {
  return {
    store: t.store,
    chat,
    clock,
    logger: recordingLogger(),
    settings: {
      release,
      permissions: {
        reporters: { 'sig-node': ['alice'] },
        releaseLead: 'lena',
        releaseTeam: ['lena'],
        exceptionDeciders: [],
      },
      repo: 'kubernetes/enhancements',
      labels: { trackedYes: 'tracked/yes', trackedNo: 'tracked/no' },
      writeBack: true,
      board: null,
      ...over,
    },
    messages: createRemovalMessages(enhancements),
    sigChannel: (dir) => (dir === 'sig-node' ? 'C0SIGNODE0' : null),
    roundThread: () => null,
  };
}

beforeEach(() => {
  t = tempStore();
  clock = new FakeClock('2025-10-18T10:00:00Z');
  chat = new RecordingChat(clock);
  t.store.people.upsertMany([
    makePerson({ github: 'lena', slack: LEAD }),
    makePerson({ github: 'alice', slack: ALICE }),
  ]);
  t.store.sigs.upsertMany([
    { ...makeSig(), channelId: 'C0SIGNODE0', channelName: 'sig-node', facilitators: ['alice'] },
  ]);
  t.store.releases.upsert({ name: release, codingPeriod: null });
  t.store.milestones.replaceCalendar(release, [
    makeMilestone({ kind: 'code-freeze', name: 'Code Freeze', at: '2026-02-26T02:00:00Z' }),
  ]);
  t.store.keps.upsertMany(
    [makeKep({ number: 5593, title: 'Pod <!here> *bold*' }), makeKep({ number: 4222 })],
    clock.now(),
  );
  deps = makeDeps();
});
afterEach(() => t.cleanup());

/** The tracking Status the SIG list (`/kep-status sig-node`) shows for a KEP. */
function statusOf(kep: number): string | null | undefined {
  const list = listSigKeps(t.store, { sig: 'sig-node', release, now: clock.now() });
  return list.ok ? list.rows.find((r) => r.kep.number === kep)?.tracking : undefined;
}

const removalPosts = () => [...chat.sent.values()].filter((m) => m.key.startsWith('milestone-'));

describe('removing a KEP from the milestone', () => {
  it('refuses someone outside the release team and records nothing', async () => {
    const result = await removeFromMilestone(deps, { kep: 5593, reason: 'late', by: ALICE });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(
      /^Only the release team may remove a KEP from the milestone or restore it: <@U0000000001>/,
    );
    expect(t.store.milestoneRemovals.inForce(release, 'keps/sig-node/5593-example-kep')).toBeNull();
    expect(statusOf(5593)).not.toBe('Removed From Milestone');
  });

  it('records once, tells the SIG channel once, and every surface shows Removed From Milestone', async () => {
    const before = statusOf(5593);
    const first = await removeFromMilestone(deps, {
      kep: 5593,
      reason: 'missed  enhancements\nfreeze',
      by: LEAD,
    });
    clock.advance(60_000);
    const again = await removeFromMilestone(deps, { kep: 5593, reason: 'other', by: LEAD });
    expect(first.ok && [first.changed, first.removal.reason, first.planned]).toEqual([
      true,
      'missed enhancements freeze',
      3,
    ]);
    expect(again.ok && [again.changed, again.removal.id, again.planned]).toEqual([
      false,
      first.ok && first.removal.id,
      0,
    ]);
    expect(removalPosts().map((m) => [m.key, m.channel])).toEqual([
      [`milestone-remove:${first.ok && first.removal.id}`, 'C0SIGNODE0'],
    ]);
    expect(removalPosts()[0]!.text).not.toContain('<!here>');
    expect(JSON.stringify(removalPosts()[0]!.blocks)).toContain('&lt;!here&gt;');

    expect(before).toBe('Tracked For Code Freeze');
    expect(statusOf(5593)).toBe('Removed From Milestone');
    expect(statusOf(4222)).toBe('Tracked For Code Freeze');
    const card = showKepCard(t.store, {
      kep: 5593,
      release,
      now: clock.now(),
      repo: 'kubernetes/enhancements',
    });
    expect(card.ok && card.card.tracking).toBe('Removed From Milestone');
    expect(roundRows(t.store, 'sig-node', release).map((r) => r.number)).toEqual([4222]);
    const writes = t.store.githubWriteBack.list('planned').map((a) => a.description);
    expect(writes).toEqual([
      'remove label tracked/yes from kubernetes/enhancements#5593',
      'add label tracked/no to kubernetes/enhancements#5593',
      'clear the milestone of kubernetes/enhancements#5593',
    ]);
  });

  it('restore undoes it once, drops the write-back not applied yet, and a later removal is a new record', async () => {
    const removed = await removeFromMilestone(deps, { kep: 5593, reason: 'late', by: LEAD });
    const restored = await restoreToMilestone(deps, { kep: 5593, by: LEAD });
    const twice = await restoreToMilestone(deps, { kep: 5593, by: LEAD });
    expect(restored.ok && [restored.removal.undoneBy, restored.planned]).toEqual([LEAD, 0]);
    expect(twice.ok).toBe(false);
    expect(t.store.githubWriteBack.list()).toEqual([]);
    expect(statusOf(5593)).toBe('Tracked For Code Freeze');
    expect(roundRows(t.store, 'sig-node', release).map((r) => r.number)).toEqual([4222, 5593]);
    const again = await removeFromMilestone(deps, { kep: 5593, reason: 'late again', by: LEAD });
    expect(again.ok && again.removal.id).not.toBe(removed.ok && removed.removal.id);
    expect(removalPosts().map((m) => m.key.split(':')[0])).toEqual([
      'milestone-remove',
      'milestone-restore',
      'milestone-remove',
    ]);
  });

  it('restore after the removal reached GitHub plans the handbook re-adding commands', async () => {
    await removeFromMilestone(deps, { kep: 5593, reason: 'late', by: LEAD });
    for (const a of t.store.githubWriteBack.list('planned'))
      t.store.githubWriteBack.markApplied(a.key, clock.now(), 'prow');
    const restored = await restoreToMilestone(deps, { kep: 5593, by: LEAD });
    expect(restored.ok && restored.planned).toBe(3);
    expect(t.store.githubWriteBack.list('planned').map((a) => a.description)).toEqual([
      'add label tracked/yes to kubernetes/enhancements#5593',
      'remove label tracked/no from kubernetes/enhancements#5593',
      'set the milestone of kubernetes/enhancements#5593 to v1.35',
    ]);
  });

  it('plans nothing on GitHub with write-back off', async () => {
    const result = await removeFromMilestone(makeDeps({ writeBack: false }), {
      kep: 5593,
      reason: 'late',
      by: LEAD,
    });
    expect(result.ok && result.planned).toBe(0);
    expect(t.store.githubWriteBack.list()).toEqual([]);
  });
});

describe('the synced board wins', () => {
  function syncBoard(status: string) {
    t.store.githubSnapshots.putBoardItem(
      {
        board,
        itemId: 'PVTI_1',
        issueRepo: 'kubernetes/enhancements',
        issueNumber: 5593,
        status,
        stage: null,
        sig: null,
        prrStatus: null,
        fields: { Status: status },
        archived: false,
        updatedAt: '2025-10-18T09:00:00Z',
      },
      clock.now(),
    );
    t.store.githubSync.setCursor(`board:${board}:updatedAt`, '2025-10-18T09:00:00Z', clock.now());
  }
  const boardDeps = () => makeDeps({ board: { key: board, names: defaultBoardFieldNames } });

  it('keeps the board Status, says so, plans the board Status and reports the difference as drift', async () => {
    syncBoard('Tracked for Code Freeze');
    const result = await removeFromMilestone(boardDeps(), { kep: 5593, reason: 'late', by: LEAD });
    expect(result.ok && result.board).toBe('Tracked For Code Freeze');
    expect(statusOf(5593)).toBe('Tracked For Code Freeze');
    expect(roundRows(t.store, 'sig-node', release).map((r) => r.number)).toEqual([4222, 5593]);
    expect(t.store.githubWriteBack.list('planned').map((a) => a.description)).toContain(
      'set board field Status of kubernetes/enhancements#5593 to Removed From Milestone',
    );
    const drift = currentDrift(t.store, {
      repo: 'kubernetes/enhancements',
      release,
      labels: { optedIn: 'lead-opted-in', trackedYes: 'tracked/yes', trackedNo: 'tracked/no' },
      board: { org: 'kubernetes', number: 1 },
    }).filter((f) => f.kind === 'slack-removal');
    expect(drift.map((f) => f.message)).toEqual([
      'removed from the milestone in Slack on 2025-10-18 but board Status is Tracked For Code Freeze',
    ]);

    syncBoard('Removed from Milestone');
    expect(statusOf(5593)).toBe('Removed From Milestone');
  });
});

describe('drift in the weekly digest', () => {
  const sig = {
    dir: 'sig-node',
    name: 'Node',
    cron: '0 9 * * 1',
    timezone: 'UTC',
    to: 'chairs' as const,
    chairs: [],
    facilitators: [],
    roundCron: '0 9 * * 1',
    roundTimezone: 'UTC',
  };

  it("lists the open findings of the SIG's KEPs, five at most, and counts the rest", () => {
    const numbers = [4222, 5593, 1001, 1002, 1003, 1004];
    t.store.keps.upsertMany(
      numbers.slice(2).map((n) => makeKep({ number: n })),
      clock.now(),
    );
    const findings = findDrift({
      release,
      labels: { optedIn: 'lead-opted-in', trackedYes: 'tracked/yes', trackedNo: 'tracked/no' },
      issues: [...numbers, 9999].map((number) => ({
        repo: 'kubernetes/enhancements',
        number,
        title: 'x',
        state: 'OPEN' as const,
        milestone: release,
        labels: ['stage/alpha'],
        updatedAt: '2025-10-18T09:00:00Z',
      })),
      board: null,
      keps: new Map(),
    });
    t.store.githubDrift.replace(findings, clock.now());
    const digest = buildDigest(t.store, {
      settings: { release, codingPeriod: null },
      sig,
      now: clock.now(),
      channel: null,
    });
    expect(digest.drift?.map((d) => d.kepNumber)).toEqual([1001, 1002, 1003, 1004, 4222, 5593]);
    const text = JSON.stringify(buildDigestBlocks(digest, enhancements));
    expect(text).toContain('*GitHub drift* (6 open)');
    expect(text).toContain('in the v1.35 milestone without lead-opted-in');
    expect(text).not.toContain('#9999');
    expect(text).toContain('…and 1 more: `drumbeat drift` lists every finding.');
  });
});
