import { describe, expect, it } from 'vitest';
import { type DmPreferences, nextDmInstant } from '../../src/domain/quiet-hours.ts';

const la: DmPreferences = {
  timezone: 'America/Los_Angeles',
  quietHours: { from: '18:00', to: '09:00', weekends: false },
  outOfOfficeUntil: null,
};
const berlin: DmPreferences = {
  timezone: 'Europe/Berlin',
  quietHours: { from: '19:00', to: '08:00', weekends: true },
  outOfOfficeUntil: null,
};

describe('nextDmInstant', () => {
  it.each([
    {
      name: 'outside quiet hours: at once',
      prefs: la,
      at: '2025-09-17T17:00:00Z',
      want: '2025-09-17T17:00:00.000Z',
      deferred: false,
    },
    {
      name: 'in the evening part: next morning 09:00 PDT',
      prefs: la,
      at: '2025-09-17T04:00:00Z',
      want: '2025-09-17T16:00:00.000Z',
      deferred: true,
    },
    {
      name: 'in the early-morning part: 09:00 the same day',
      prefs: la,
      at: '2025-09-17T13:00:00Z',
      want: '2025-09-17T16:00:00.000Z',
      deferred: true,
    },
    {
      name: 'quiet ends after the autumn change: 09:00 PST',
      prefs: la,
      at: '2026-11-01T05:00:00Z',
      want: '2026-11-01T17:00:00.000Z',
      deferred: true,
    },
    {
      name: 'exactly when quiet starts: deferred',
      prefs: la,
      at: '2025-09-18T01:00:00Z',
      want: '2025-09-18T16:00:00.000Z',
      deferred: true,
    },
    {
      name: 'exactly when quiet ends: at once',
      prefs: la,
      at: '2025-09-18T16:00:00Z',
      want: '2025-09-18T16:00:00.000Z',
      deferred: false,
    },
    // Saturday 2025-09-20 11:00 Berlin → Monday 00:00, which is quiet until 08:00
    {
      name: 'quiet weekend, then the night: Monday 08:00',
      prefs: berlin,
      at: '2025-09-20T09:00:00Z',
      want: '2025-09-22T06:00:00.000Z',
      deferred: true,
    },
    {
      name: 'Friday evening: Monday 08:00',
      prefs: berlin,
      at: '2025-09-19T18:00:00Z',
      want: '2025-09-22T06:00:00.000Z',
      deferred: true,
    },
    {
      name: 'no quiet hours: at once',
      prefs: { ...la, quietHours: null },
      at: '2025-09-17T04:00:00Z',
      want: '2025-09-17T04:00:00.000Z',
      deferred: false,
    },
    {
      name: 'a same-day window (12:00–13:00)',
      prefs: {
        timezone: 'UTC',
        quietHours: { from: '12:00', to: '13:00', weekends: false },
        outOfOfficeUntil: null,
      },
      at: '2025-09-17T12:30:00Z',
      want: '2025-09-17T13:00:00.000Z',
      deferred: true,
    },
  ])('$name', ({ prefs, at, want, deferred }) => {
    expect(nextDmInstant(new Date(at), prefs)).toEqual({ kind: 'send', at: new Date(want), deferred });
  });

  it('says the person is away while out of office, and not after', () => {
    const prefs = { ...la, outOfOfficeUntil: '2025-10-01T07:00:00.000Z' };
    expect(nextDmInstant(new Date('2025-09-30T20:00:00Z'), prefs)).toEqual({
      kind: 'away',
      until: new Date('2025-10-01T07:00:00.000Z'),
    });
    expect(nextDmInstant(new Date('2025-10-01T17:00:00Z'), prefs).kind).toBe('send');
  });
});
