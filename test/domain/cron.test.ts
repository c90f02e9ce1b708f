import { describe, expect, it } from 'vitest';
import { nextInstants, parseCron } from '../../src/domain/cron.ts';

const la = 'America/Los_Angeles';
const iso = (dates: Date[]) => dates.map((d) => d.toISOString().replace(':00.000Z', 'Z'));

describe('nextInstants in America/Los_Angeles across the 2026 DST changes', () => {
  it.each([
    {
      name: 'weekly Tuesday 16:00 around March 8 (PST → PDT)',
      cron: '0 16 * * 2',
      from: '2026-02-24T00:00:00Z',
      to: '2026-03-18T00:00:00Z',
      // 16:00 PST = 00:00Z next day; 16:00 PDT = 23:00Z
      want: ['2026-02-25T00:00Z', '2026-03-04T00:00Z', '2026-03-10T23:00Z', '2026-03-17T23:00Z'],
    },
    {
      name: 'weekly Tuesday 16:00 around November 1 (PDT → PST)',
      cron: '0 16 * * 2',
      from: '2026-10-20T00:00:00Z',
      to: '2026-11-12T00:00:00Z',
      want: ['2026-10-20T23:00Z', '2026-10-27T23:00Z', '2026-11-04T00:00Z', '2026-11-11T00:00Z'],
    },
    {
      name: 'daily 02:30: the skipped local time runs at the jump (03:00 PDT), as Vixie cron does',
      cron: '30 2 * * *',
      from: '2026-03-07T00:00:00Z',
      to: '2026-03-10T00:00:00Z',
      want: ['2026-03-07T10:30Z', '2026-03-08T10:00Z', '2026-03-09T09:30Z'],
    },
    {
      name: 'daily 01:30: the repeated local time fires once, at its first occurrence (PDT)',
      cron: '30 1 * * *',
      from: '2026-10-31T00:00:00Z',
      to: '2026-11-03T00:00:00Z',
      want: ['2026-10-31T08:30Z', '2026-11-01T08:30Z', '2026-11-02T09:30Z'],
    },
    {
      name: 'every half hour (hour *): both passes of the repeated hour run',
      cron: '0,30 * 1 11 *',
      from: '2026-11-01T07:59:00Z',
      to: '2026-11-01T10:00:00Z',
      want: [
        '2026-11-01T08:00Z',
        '2026-11-01T08:30Z',
        '2026-11-01T09:00Z',
        '2026-11-01T09:30Z',
        '2026-11-01T10:00Z',
      ],
    },
    {
      name: 'two times in the gap fire once, at the jump',
      cron: '0,30 2 8 3 *',
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-31T00:00:00Z',
      want: ['2026-03-08T10:00Z'],
    },
  ])('$name', ({ cron, from, to, want }) => {
    expect(iso(nextInstants(cron, la, new Date(from), new Date(to)))).toEqual(want);
  });
});

describe('nextInstants', () => {
  it.each([
    {
      cron: '0 9 * * mon-wed',
      zone: 'UTC',
      want: ['2026-06-01T09:00Z', '2026-06-02T09:00Z', '2026-06-03T09:00Z'],
    },
    { cron: '0 9 * * 7', zone: 'UTC', want: ['2026-06-07T09:00Z'] },
    { cron: '0 9 * * Sunday', zone: 'UTC', want: ['2026-06-07T09:00Z'] },
    {
      cron: '*/20 9 1 6 *',
      zone: 'UTC',
      want: ['2026-06-01T09:00Z', '2026-06-01T09:20Z', '2026-06-01T09:40Z'],
    },
    { cron: '0 9 * * 3', zone: 'Asia/Tokyo', want: ['2026-06-03T00:00Z'] },
    { cron: '0 12 1,15 jun *', zone: 'Europe/Berlin', want: ['2026-06-01T10:00Z'] },
    // day-of-month AND day-of-week, as node-cron: the 1st only when it is a Monday
    { cron: '0 9 1 * 1', zone: 'UTC', want: ['2026-06-01T09:00Z'] },
  ])('$cron in $zone during the first week of June 2026', ({ cron, zone, want }) => {
    expect(
      iso(nextInstants(cron, zone, new Date('2026-05-31T23:59:00Z'), new Date('2026-06-07T23:59:00Z'))),
    ).toEqual(want);
  });

  it('excludes the start, includes the end, and honours the limit', () => {
    const from = new Date('2026-06-01T09:00:00Z');
    expect(iso(nextInstants('0 9 * * *', 'UTC', from, new Date('2026-06-03T09:00:00Z')))).toEqual([
      '2026-06-02T09:00Z',
      '2026-06-03T09:00Z',
    ]);
    expect(iso(nextInstants('0 9 * * *', 'UTC', from, new Date('2027-06-01T00:00:00Z'), 1))).toEqual([
      '2026-06-02T09:00Z',
    ]);
    expect(nextInstants('0 9 * * *', 'UTC', from, from)).toEqual([]);
  });

  it('steps a weekly cadence through a 15-week release quickly', () => {
    const all = nextInstants(
      '0 16 * * 2',
      la,
      new Date('2026-01-01T00:00:00Z'),
      new Date('2026-12-31T00:00:00Z'),
    );
    expect(all).toHaveLength(52);
  });
});

describe('cron nicknames', () => {
  it.each([
    ['@yearly', '0 0 1 1 *'],
    ['@annually', '0 0 1 1 *'],
    ['@monthly', '0 0 1 * *'],
    ['@weekly', '0 0 * * 0'],
    ['@daily', '0 0 * * *'],
    ['@midnight', '0 0 * * *'],
    ['@hourly', '0 * * * *'],
  ])('%s runs as %s', (nickname, fields) => {
    const from = new Date('2026-10-31T00:00:00Z');
    const to = new Date('2028-01-02T00:00:00Z');
    expect(nextInstants(nickname, la, from, to, 60)).toEqual(nextInstants(fields, la, from, to, 60));
    expect(nextInstants(nickname, la, from, to, 60).length).toBeGreaterThan(1);
  });
});

describe('parseCron', () => {
  it.each([
    ['0 16 * * 2', null],
    ['0 0 16 * * 2', null],
    ['0 16 * *', 'has 4 fields'],
    ['61 16 * * 2', 'minute "61" is not a minute (0–59)'],
    ['0 9 L * *', 'L, W and # are not supported'],
    ['0 9 * * 1#2', 'L, W and # are not supported'],
    ['0 9-5 * * *', 'the range runs backwards'],
    ['0 9 * * funday', 'is not a day-of-week'],
    ['*/0 9 * * *', 'the step must be a whole number ≥ 1'],
    ['@weekly', null],
    ['@Daily', null],
    ['@reboot', 'not a nickname Drumbeat runs'],
    ['0 9 30 2 *', 'never runs'],
    ['0 9 31 2,4 *', 'never runs'],
    ['0 9 29 2 *', null],
  ])('%s', (cron, problem) => {
    const parsed = parseCron(cron);
    if (problem === null) expect(parsed.ok).toBe(true);
    else expect(parsed.ok ? '' : parsed.message).toContain(problem);
  });
});
