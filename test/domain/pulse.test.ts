import { describe, expect, it } from 'vitest';
import { pulseInvitees, pulseWindow, readPulseScore, releaseInstant } from '../../src/domain/pulse.ts';
import { groupRetroItems } from '../../src/domain/retro.ts';
import { makeMilestone } from '../db/factories.ts';

const day = 86_400_000;
const calendar = [
  makeMilestone(),
  makeMilestone({ name: 'v1.35.0 released', kind: 'release', at: null, date: '2025-12-17', aoe: false }),
];

describe('pulse window', () => {
  it('opens the day after the release by default, for the configured time', () => {
    expect(releaseInstant(calendar)?.toISOString()).toBe('2025-12-17T00:00:00.000Z');
    const w = pulseWindow(calendar, null, 14 * day)!;
    expect([w.opensAt.toISOString(), w.closesAt.toISOString()]).toEqual([
      '2025-12-18T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
    ]);
    expect(pulseWindow(calendar, '2025-12-20T15:00:00.000Z', day)?.closesAt.toISOString()).toBe(
      '2025-12-21T15:00:00.000Z',
    );
    expect(pulseWindow([makeMilestone()], null, day)).toBeNull();
  });

  it('asks the lead, the team, facilitators and chairs once each', () => {
    expect(
      pulseInvitees({
        lead: 'Lena',
        team: ['erin', 'lena'],
        sigs: [
          { facilitators: ['alice'], chairs: ['mrunalp'] },
          { facilitators: ['Alice', 'bob'], chairs: [] },
        ],
      }),
    ).toEqual(['Lena', 'erin', 'alice', 'mrunalp', 'bob']);
  });

  it('reads button values and refuses anything else', () => {
    expect(readPulseScore('v1.35:10')).toEqual({ release: 'v1.35', score: 10 });
    expect(readPulseScore('v1.35:0')).toEqual({ release: 'v1.35', score: 0 });
    for (const bad of ['v1.35:11', '1.35:5', 'v1.35:-1', 'v1.35:', 'v1.35:5 '])
      expect(readPulseScore(bad), bad).toBeNull();
  });
});

describe('retrospective items', () => {
  it('groups replies by prompt, most votes first, then oldest first', () => {
    const s = groupRetroItems('v1.35', '2025-12-18T00:00:00.000Z', [
      { prompt: 'went-well', text: 'a', votes: 1, at: '2025-12-18T02:00:00.000Z' },
      { prompt: 'went-well', text: 'b', votes: 3, at: '2025-12-18T03:00:00.000Z' },
      { prompt: 'to-try', text: 'c', votes: 0, at: '2025-12-18T01:00:00.000Z' },
      { prompt: 'went-well', text: 'd', votes: 1, at: '2025-12-18T01:00:00.000Z' },
    ]);
    expect(s.items['went-well'].map((i) => i.text)).toEqual(['b', 'd', 'a']);
    expect(s.items['did-not-go-well']).toEqual([]);
    expect(s.items['to-try']).toEqual([{ prompt: 'to-try', text: 'c', votes: 0 }]);
  });
});
