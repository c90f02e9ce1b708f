import { describe, expect, it } from 'vitest';
import type { RequirementResult } from '../../src/domain/freeze-readiness.ts';
import {
  boardStatusForFreeze,
  boardTrackingStatus,
  type TrackingInput,
  trackingStatus,
  trackingStatuses,
} from '../../src/domain/tracking-status.ts';

const result = (outcome: RequirementResult['outcome']): RequirementResult => ({
  id: 'stage',
  name: 'stage',
  source: 'release_phases.md',
  outcome,
  reason: outcome,
});
const input = (changes: Partial<TrackingInput> = {}): TrackingInput => ({
  freeze: 'enhancements-freeze',
  readiness: [result('met'), result('unverified')],
  selfReport: null,
  exception: null,
  removedFromMilestone: false,
  ...changes,
});
const unmet = [result('met'), result('unmet')];

describe('trackingStatus', () => {
  it.each([
    ['all met or unverified', input(), 'Tracked For Enhancement Freeze'],
    ['an unmet requirement', input({ readiness: unmet }), 'At Risk For Enhancement Freeze'],
    [
      'unmet with an open exception request',
      input({ readiness: unmet, exception: 'open' }),
      'Exception Pending',
    ],
    [
      'unmet with an approved exception',
      input({ readiness: unmet, exception: 'approved' }),
      'Exception Approved',
    ],
    [
      'unmet with a rejected exception',
      input({ readiness: unmet, exception: 'rejected' }),
      'At Risk For Enhancement Freeze',
    ],
    ['met, even with an exception asked for', input({ exception: 'open' }), 'Tracked For Enhancement Freeze'],
    ['the SIG reported it dropped', input({ readiness: unmet, selfReport: 'dropped' }), 'Deferred'],
    [
      'removed by the release team',
      input({ selfReport: 'dropped', removedFromMilestone: true }),
      'Removed From Milestone',
    ],
    ['PRR Freeze', input({ freeze: 'prr-freeze' }), 'Tracked For PRR Freeze'],
    ['Code Freeze at risk', input({ freeze: 'code-freeze', readiness: unmet }), 'At Risk For Code Freeze'],
    ['Docs Freeze', input({ freeze: 'docs-freeze' }), 'Tracked For Docs Freeze'],
  ] as const)('%s → %s', (_name, given, expected) => {
    const status = trackingStatus(given);
    expect(status).toBe(expected);
    expect(trackingStatuses).toContain(status);
  });
});

describe('boardTrackingStatus', () => {
  it('reads the board text as a handbook value, forgiving case, spacing and "Enhancements"', () => {
    expect(boardTrackingStatus('Tracked for Enhancements Freeze')).toBe('Tracked For Enhancement Freeze');
    expect(boardTrackingStatus('  removed from  milestone ')).toBe('Removed From Milestone');
    expect(boardTrackingStatus('Maybe')).toBeNull();
    expect(boardTrackingStatus(null)).toBeNull();
  });
});

describe('boardStatusForFreeze', () => {
  it('keeps a Status naming the freeze asked about or no freeze, and drops one naming another freeze', () => {
    const asked = trackingStatuses.map((status) => [status, boardStatusForFreeze(status, 'code-freeze')]);
    expect(Object.fromEntries(asked)).toEqual({
      'Tracked For PRR Freeze': null,
      'At Risk For PRR Freeze': null,
      'Tracked For Enhancement Freeze': null,
      'At Risk For Enhancement Freeze': null,
      'Tracked For Code Freeze': 'Tracked For Code Freeze',
      'At Risk For Code Freeze': 'At Risk For Code Freeze',
      'Tracked For Docs Freeze': null,
      'At Risk For Docs Freeze': null,
      'Exception Pending': 'Exception Pending',
      'Exception Approved': 'Exception Approved',
      Deferred: 'Deferred',
      'Removed From Milestone': 'Removed From Milestone',
    });
    expect(boardStatusForFreeze('At Risk For PRR Freeze', 'prr-freeze')).toBe('At Risk For PRR Freeze');
  });
});
