import { describe, expect, it } from 'vitest';
import { nextDmInstant } from '../../src/domain/quiet-hours.ts';
import type { QuietHours } from '../../src/domain/types.ts';
import { dueReminders, reminderInstants } from '../../src/domain/vote-reminders.ts';

const opens = new Date('2026-06-01T00:00:00Z');
const closes = new Date('2026-06-04T00:00:00Z'); // 72h

describe('reminderInstants', () => {
  it('places a share of the voting time and a time before the close, in time order', () => {
    const got = reminderInstants(
      [
        { kind: 'before-close', ms: 2 * 3_600_000 },
        { kind: 'elapsed-share', share: 0.5 },
      ],
      opens,
      closes,
    );
    expect(got.map((r) => [r.index, r.at.toISOString()])).toEqual([
      [1, '2026-06-02T12:00:00.000Z'],
      [0, '2026-06-03T22:00:00.000Z'],
    ]);
  });

  it('leaves out reminders outside the round', () => {
    const got = reminderInstants(
      [
        { kind: 'before-close', ms: 80 * 3_600_000 },
        { kind: 'elapsed-share', share: 1 },
        { kind: 'elapsed-share', share: 0 },
      ],
      opens,
      closes,
    );
    expect(got).toEqual([]);
  });
});

describe('dueReminders', () => {
  const instants = reminderInstants(
    [
      { kind: 'elapsed-share', share: 0.5 },
      { kind: 'before-close', ms: 2 * 3_600_000 },
    ],
    opens,
    closes,
  );
  it.each([
    ['before the first', '2026-06-02T11:59:59Z', [], null, []],
    ['at the first', '2026-06-02T12:00:00Z', [], 0, []],
    ['the first already sent', '2026-06-03T00:00:00Z', [0], null, []],
    ['both due after downtime: only the latest is sent', '2026-06-03T23:00:00Z', [], 1, [0]],
    ['both sent', '2026-06-03T23:00:00Z', [0, 1], null, []],
  ])('%s', (_name, now, sent, send, skipped) => {
    const due = dueReminders(instants, new Set(sent as number[]), new Date(now as string));
    expect(due.send?.index ?? null).toBe(send);
    expect(due.skipped.map((s) => s.index)).toEqual(skipped);
  });
});

/** When a reminder may reach the person (the shared DM rule; nobody is out of office here). */
function endOfQuietHours(now: Date, person: { timezone: string; quietHours: QuietHours | null }): Date {
  const timing = nextDmInstant(now, { ...person, outOfOfficeUntil: null });
  if (timing.kind !== 'send') throw new Error('unexpected out-of-office');
  return timing.at;
}

describe('quiet hours for reminders', () => {
  const berlin = { timezone: 'Europe/Berlin', quietHours: { from: '19:00', to: '08:00', weekends: true } };
  const la = { timezone: 'America/Los_Angeles', quietHours: { from: '18:00', to: '09:00', weekends: false } };
  it.each([
    [
      'no quiet hours: now',
      { timezone: 'UTC', quietHours: null },
      '2026-06-03T02:00:00Z',
      '2026-06-03T02:00:00.000Z',
    ],
    ['Berlin, Wednesday 12:00 local: now', berlin, '2026-06-03T10:00:00Z', '2026-06-03T10:00:00.000Z'],
    [
      'Berlin, Wednesday 21:00 local: Thursday 08:00 local',
      berlin,
      '2026-06-03T19:00:00Z',
      '2026-06-04T06:00:00.000Z',
    ],
    ['Berlin, Thursday 03:00 local: 08:00 local', berlin, '2026-06-04T01:00:00Z', '2026-06-04T06:00:00.000Z'],
    ['Berlin, Saturday noon: Monday 08:00 local', berlin, '2026-06-06T10:00:00Z', '2026-06-08T06:00:00.000Z'],
    ['Berlin, Friday 20:00: Monday 08:00 local', berlin, '2026-06-05T18:00:00Z', '2026-06-08T06:00:00.000Z'],
    ['LA, Tuesday 20:00 PDT: Wednesday 09:00 PDT', la, '2026-06-03T03:00:00Z', '2026-06-03T16:00:00.000Z'],
    ['LA, Saturday noon (no weekend rule): now', la, '2026-06-06T19:00:00Z', '2026-06-06T19:00:00.000Z'],
  ])('%s', (_name, person, now, expected) => {
    expect(endOfQuietHours(new Date(now), person).toISOString()).toBe(expected);
  });

  it('a window that does not cross midnight', () => {
    const lunch = { from: '12:00', to: '13:00', weekends: false };
    const at13 = new Date('2026-06-03T13:00:00Z');
    expect(endOfQuietHours(at13, { timezone: 'UTC', quietHours: lunch })).toEqual(at13);
    expect(
      endOfQuietHours(new Date('2026-06-03T12:30:00Z'), { timezone: 'UTC', quietHours: lunch }).toISOString(),
    ).toBe('2026-06-03T13:00:00.000Z');
  });
});
