import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boardTrackingStatuses, trackingBoardCursor } from '../../src/app/board-tracking.ts';
import { listSigKeps } from '../../src/app/list-sig-keps.ts';
import { trackingStatusesOf } from '../../src/app/track-release.ts';
import type { BoardItemSnapshot } from '../../src/domain/github-snapshots.ts';
import { makeBoardItem, makeKep, makeMilestone, makeSig } from '../db/factories.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';
import { FakeClock } from '../fakes/fake-clock.ts';

const release = 'v1.35';
const board = 'kubernetes/264';
let t: TempStore;
let clock: FakeClock;

function boardItem(issueNumber: number, status: string | null, over: Partial<BoardItemSnapshot> = {}) {
  t.store.githubSnapshots.putBoardItem(makeBoardItem(issueNumber, status, { board, ...over }), clock.now());
}

/** The tracking Status `/kep-status sig-node` shows for each KEP, by number. */
function listed(): Record<number, string | null> {
  const list = listSigKeps(t.store, { sig: 'sig-node', release, now: clock.now() });
  if (!list.ok) throw new Error('sig-node unknown');
  return Object.fromEntries(list.rows.map((r) => [r.kep.number, r.tracking]));
}

beforeEach(() => {
  t = tempStore();
  clock = new FakeClock('2025-10-18T10:00:00Z');
  t.store.sigs.upsertMany([{ ...makeSig(), channelId: 'C0SIGNODE0', channelName: 'sig-node' }]);
  t.store.releases.upsert({ name: release, codingPeriod: null });
  t.store.milestones.replaceCalendar(release, [
    makeMilestone({ kind: 'code-freeze', name: 'Code Freeze', at: '2026-02-26T02:00:00Z' }),
  ]);
  t.store.keps.upsertMany(
    [4222, 5593, 1287].map((number) => makeKep({ number })),
    clock.now(),
  );
});
afterEach(() => t.cleanup());

describe("the synced board's Status is the tracking Status", () => {
  it('is computed by Drumbeat while no board was synced, even when board rows exist', () => {
    boardItem(5593, 'At Risk for Code Freeze');
    const computed = listed();
    expect(computed[5593]).not.toBe('At Risk For Code Freeze');
    expect(boardTrackingStatuses(t.store)).toBeNull();
  });

  it("takes the board's value, whatever its spelling, where it speaks about the freeze tracked now", () => {
    const computed = listed();
    boardItem(5593, 'at risk for code  freeze');
    boardItem(4222, 'Exception approved');
    // Code Freeze is the next freeze: a Status still naming Enhancements Freeze says nothing about it.
    boardItem(1287, 'Tracked for enhancements freeze');
    t.store.githubSync.setCursor(trackingBoardCursor, board, clock.now());
    expect(listed()).toEqual({
      4222: 'Exception Approved',
      5593: 'At Risk For Code Freeze',
      1287: computed[1287],
    });
    expect(computed[5593]).not.toBe('At Risk For Code Freeze');
    expect(computed[4222]).not.toBe('Exception Approved');
  });

  it('ignores a board item without a Status', () => {
    const computed = listed();
    boardItem(5593, null);
    t.store.githubSync.setCursor(trackingBoardCursor, board, clock.now());
    expect(listed()).toEqual(computed);
  });

  it('leaves archived items, drafts and unknown Status values to the computation', () => {
    const computed = listed();
    boardItem(5593, 'Deferred', { archived: true });
    boardItem(4222, 'Maybe later');
    boardItem(0, 'Deferred', { issueNumber: null, itemId: 'PVTI_draft' });
    t.store.githubSync.setCursor(trackingBoardCursor, board, clock.now());
    expect(listed()).toEqual(computed);
  });

  it('holds without a freeze in the calendar, where Drumbeat computes only removals', () => {
    t.store.milestones.replaceCalendar(release, []);
    boardItem(5593, 'Removed From Milestone');
    t.store.githubSync.setCursor(trackingBoardCursor, board, clock.now());
    const keps = t.store.keps.list();
    const statuses = trackingStatusesOf(t.store, release, keps, clock.now());
    expect(Object.fromEntries(statuses)).toEqual({
      [keps.find((k) => k.number === 5593)!.path]: 'Removed From Milestone',
    });
  });
});
