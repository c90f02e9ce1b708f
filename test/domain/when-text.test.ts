import { describe, expect, it } from 'vitest';
import { readWhenText } from '../../src/domain/when-text.ts';

describe('readWhenText', () => {
  const cases: [string, { at: string | null; date: string | null; endDate?: string | null; aoe: boolean }][] =
    [
      ['Monday 15th September 2025', { at: null, date: '2025-09-15', aoe: false }],
      [
        'Thursday 16th October 2025 (AoE) / Friday 17th October 2025, 12:00 UTC',
        { at: '2025-10-17T12:00:00Z', date: null, aoe: true },
      ],
      ['Thu 2025-11-06 AoE → 2025-11-07 12:00 UTC', { at: '2025-11-07T12:00:00Z', date: null, aoe: true }],
      ['Thursday 6th November 2025 (AoE)', { at: '2025-11-07T12:00:00Z', date: null, aoe: true }],
      ['Thursday 6th November 2025 23:59 AoE', { at: '2025-11-07T11:59:00Z', date: null, aoe: true }],
      ['Thursday 16th October 2025 (AoE) / 12:00 UTC', { at: '2025-10-17T12:00:00Z', date: null, aoe: true }],
      [
        '21:00 UTC Friday 20th June 2025 / 14:00 PDT Friday 20th June 2025',
        { at: '2025-06-20T21:00:00Z', date: null, aoe: false },
      ],
      [
        '02:00 UTC Friday 25th July 2025 / 19:00 PDT Thursday 24th July 2025',
        { at: '2025-07-25T02:00:00Z', date: null, aoe: false },
      ],
      ['Friday 20th June 2025 21:00 UTC / 14:00 PDT', { at: '2025-06-20T21:00:00Z', date: null, aoe: false }],
      ['Friday 20th June 2025 21:00 UTC (14:00 PDT)', { at: '2025-06-20T21:00:00Z', date: null, aoe: false }],
      [
        '02:00 UTC / 19:00 PDT Thursday 24th July 2025',
        { at: '2025-07-25T02:00:00Z', date: null, aoe: false },
      ],
      ['2025-10-17T12:00:00Z', { at: '2025-10-17T12:00:00Z', date: null, aoe: false }],
      [
        'Monday 10th - Thursday 13th November 2025',
        { at: null, date: '2025-11-10', endDate: '2025-11-13', aoe: false },
      ],
      ['2025-11-10 … 2025-11-13', { at: null, date: '2025-11-10', endDate: '2025-11-13', aoe: false }],
    ];
  it.each(cases)('%s', (text, expected) => {
    const reading = readWhenText(text, null);
    expect({ at: reading.at, date: reading.date, aoe: reading.aoe }).toEqual({
      at: expected.at,
      date: expected.date,
      aoe: expected.aoe,
    });
    expect(reading.endDate).toBe(expected.endDate ?? null);
    expect(reading.problems).toEqual([]);
  });

  it('trusts the UTC part and reports a zone label that disagrees (PST in summer)', () => {
    const reading = readWhenText('21:00 UTC Friday 20th June 2025 / 14:00 PST Friday 20th June 2025', null);
    expect(reading.at).toBe('2025-06-20T21:00:00Z');
    expect(reading.problems).toEqual([
      '14:00 PST on 2025-06-20 is 2025-06-20T22:00:00Z, not 2025-06-20T21:00:00Z; trusted the UTC time',
    ]);
  });

  it('converts a time given only in a named zone, with daylight saving, and says so', () => {
    const summer = readWhenText('Friday 20th June 2025 14:00 PST', null);
    expect(summer.at).toBe('2025-06-20T21:00:00Z');
    expect(summer.problems).toEqual(['the time is given only in PST; converted to UTC']);
    expect(readWhenText('Friday 14th February 2025 10:00 CET', null).at).toBe('2025-02-14T09:00:00Z');
  });

  it('takes a time without a zone as UTC, and says so', () => {
    const reading = readWhenText('Friday 20th June 2025 at 21:00', null);
    expect(reading.at).toBe('2025-06-20T21:00:00Z');
    expect(reading.problems).toEqual(['the time names no zone; taken as UTC']);
  });

  it('reports a cell with no date', () => {
    const reading = readWhenText('TBD', 2025);
    expect(reading).toMatchObject({ at: null, date: null, endDate: null });
    expect(reading.problems).toEqual(['no date found in "TBD"']);
  });
});
