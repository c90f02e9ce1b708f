import { describe, expect, it } from 'vitest';
import { findDrift } from '../../src/domain/drift.ts';
import type { BoardItemSnapshot } from '../../src/domain/github-snapshots.ts';
import { prowComment } from '../../src/domain/issue-commands.ts';
import {
  boardDisagreement,
  parseRemoveArgs,
  parseRestoreArgs,
  planRemovalActions,
  reasonMaxLength,
  removalHolds,
  shortenReason,
} from '../../src/domain/milestone-removal.ts';
import { trackingStatus } from '../../src/domain/tracking-status.ts';

const inForce = { undoneAt: null };
const undone = { undoneAt: '2026-02-13T10:00:00Z' };

describe('parseRemoveArgs', () => {
  it.each([
    ['5593 reason: missed enhancements freeze', 5593, 'missed enhancements freeze'],
    ['#5593 missed enhancements freeze', 5593, 'missed enhancements freeze'],
    ['KEP-5593, Reason:   no PRR\n\tapproval ', 5593, 'no PRR approval'],
  ])('reads %j', (text, kep, reason) => {
    expect(parseRemoveArgs(text)).toEqual({ ok: true, kep, reason });
  });

  it.each([[''], ['five reason: x'], ['5593'], ['5593 reason:   ']])('refuses %j with the usage', (text) => {
    const parsed = parseRemoveArgs(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain('/drumbeat remove 5593 reason:');
  });

  it('reads restore numbers and refuses anything else', () => {
    expect(parseRestoreArgs(' kep-42 ')).toEqual({ ok: true, kep: 42 });
    expect(parseRestoreArgs('42 now').ok).toBe(false);
  });
});

describe('shortenReason', () => {
  it('flattens control characters and cuts long reasons with an ellipsis', () => {
    expect(shortenReason('a\u0000b\r\nc')).toBe('a b c');
    const long = shortenReason('x'.repeat(1000));
    expect([...long].length).toBe(reasonMaxLength);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('removal and the board', () => {
  it('holds while in force unless the synced board gives another Status', () => {
    expect(removalHolds(inForce)).toBe(true);
    expect(removalHolds(inForce, null)).toBe(true);
    expect(removalHolds(inForce, 'Removed from Milestone')).toBe(true);
    expect(removalHolds(inForce, 'Tracked for Code Freeze')).toBe(false);
    expect(removalHolds(undone, 'Removed From Milestone')).toBe(false);
  });

  it('names the board Status only when it disagrees', () => {
    expect(boardDisagreement(inForce, 'At Risk for Code Freeze')).toBe('At Risk For Code Freeze');
    expect(boardDisagreement(inForce, 'Removed From Milestone')).toBeNull();
    expect(boardDisagreement(undone, 'Removed From Milestone')).toBe('Removed From Milestone');
    expect(boardDisagreement(undone, 'Tracked For Code Freeze')).toBeNull();
    expect(boardDisagreement(inForce, 'something else')).toBeNull();
  });

  it('a removal makes the tracking Status Removed From Milestone whatever else is known', () => {
    const status = trackingStatus({
      freeze: 'code-freeze',
      readiness: [],
      selfReport: 'dropped',
      exception: 'approved',
      removedFromMilestone: true,
    });
    expect(status).toBe('Removed From Milestone');
  });
});

describe('planRemovalActions', () => {
  const input = {
    repo: 'kubernetes/enhancements',
    release: 'v1.35',
    labels: { trackedYes: 'tracked/yes', trackedNo: 'tracked/no' },
    removal: { id: 7, kepNumber: 5593 },
  };

  it('plans the handbook comment for a removal and its reverse for a restore, keyed by the removal', () => {
    const removal = planRemovalActions({ ...input, direction: 'remove' });
    expect(prowComment(removal)).toBe('/remove-label tracked/yes\n/label tracked/no\n/milestone clear');
    const restore = planRemovalActions({ ...input, direction: 'restore' });
    expect(prowComment(restore)).toBe('/label tracked/yes\n/remove-label tracked/no\n/milestone v1.35');
    const keys = [...removal, ...restore].map((a) => a.key);
    expect(new Set(keys).size).toBe(6);
    expect(keys.every((k) => k.endsWith(':7'))).toBe(true);
    expect(
      planRemovalActions({ ...input, direction: 'remove', removal: { id: 8, kepNumber: 5593 } })[0]!.key,
    ).not.toBe(removal[0]!.key);
  });
});

describe('slack-removal drift', () => {
  const item = (status: string, updatedAt = '2026-02-12T09:00:00Z'): BoardItemSnapshot => ({
    board: 'kubernetes/1',
    itemId: 'I1',
    issueRepo: 'kubernetes/enhancements',
    issueNumber: 5593,
    status,
    stage: null,
    sig: null,
    prrStatus: null,
    fields: {},
    archived: false,
    updatedAt,
  });
  const drift = (
    status: string,
    removal: { removedAt: string; undoneAt: string | null },
    updatedAt?: string,
  ) =>
    findDrift({
      release: 'v1.35',
      labels: { optedIn: 'lead-opted-in', trackedYes: 'tracked/yes', trackedNo: 'tracked/no' },
      issues: [],
      board: [item(status, updatedAt)],
      keps: new Map(),
      removals: new Map([[5593, removal]]),
    }).filter((f) => f.kind === 'slack-removal');

  it('reports a removal the board contradicts, and nothing when the board agrees', () => {
    const removed = { removedAt: '2026-02-12T10:00:00Z', undoneAt: null };
    expect(drift('At Risk for Code Freeze', removed).map((f) => f.message)).toEqual([
      'removed from the milestone in Slack on 2026-02-12 but board Status is At Risk For Code Freeze',
    ]);
    expect(drift('Removed From Milestone', removed)).toEqual([]);
  });

  it('reports a restore the board has not followed since, but not a later board decision', () => {
    const restored = { removedAt: '2026-02-12T10:00:00Z', undoneAt: '2026-02-13T10:00:00Z' };
    expect(drift('Removed From Milestone', restored, '2026-02-12T11:00:00Z').map((f) => f.key)).toEqual([
      'slack-removal:#5593',
    ]);
    expect(drift('Removed From Milestone', restored, '2026-02-14T11:00:00Z')).toEqual([]);
  });
});
