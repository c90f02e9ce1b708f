import { describe, expect, it } from 'vitest';
import { formatDay } from '../../src/domain/calendar-date.ts';
import { readDateText } from '../../src/domain/date-text.ts';

function read(text: string, contextYear: number | null = null) {
  const reading = readDateText(text, contextYear);
  return {
    start: reading.start && formatDay(reading.start),
    end: reading.end && formatDay(reading.end),
    problems: reading.problems,
  };
}

describe('readDateText', () => {
  const cases: [string, string | null, string | null][] = [
    ['Monday 15th September 2025', '2025-09-15', null],
    ['Thursday 23th October 2025', '2025-10-23', null],
    ['Wednesday 1st October 2025', '2025-10-01', null],
    ['September 15, 2025', '2025-09-15', null],
    ['Mon Sep 15 2025', '2025-09-15', null],
    ['15 Sept 2025', '2025-09-15', null],
    ['Monday, September 15th, 2025', '2025-09-15', null],
    ['2025-11-07', '2025-11-07', null],
    ['Thu 2025-11-06 AoE', '2025-11-06', null],
    ['2025-11-10 … 2025-11-13', '2025-11-10', '2025-11-13'],
    ['Monday 10th - Thursday 13th November 2025', '2025-11-10', '2025-11-13'],
    ['10-13 November 2025', '2025-11-10', '2025-11-13'],
    ['November 10–13, 2025', '2025-11-10', '2025-11-13'],
    ['Monday 29th September - Friday 3rd October 2025', '2025-09-29', '2025-10-03'],
    ['Mon Dec 29 - Fri Jan 2 2026', '2025-12-29', '2026-01-02'],
    ['Monday 10th to Thursday 13th November 2025', '2025-11-10', '2025-11-13'],
    ['TBD', null, null],
    ['', null, null],
  ];
  it.each(cases)('%s', (text, start, end) => {
    const reading = read(text);
    expect(reading.start).toBe(start);
    expect(reading.end).toBe(end);
    expect(reading.problems).toEqual([]);
  });

  it('uses the context year when the text gives none, and says so', () => {
    const reading = readDateText('Monday 15th September', 2025);
    expect(reading.start && formatDay(reading.start)).toBe('2025-09-15');
    expect(reading.yearAssumed).toBe(true);
    expect(read('Monday 15th September').problems).toEqual(['the date gives no year']);
  });

  it.each([
    ['Friday 30th February 2025', /feb 30 2025 is not a real date/],
    ['2025-13-01', /2025-13-01 is not a real date/],
    ['Tuesday 16th October 2025', /it says Tuesday, but 2025-10-16 is a Thursday; used the date/],
  ])('reports %s', (text, problem) => {
    expect(read(text).problems).toEqual([expect.stringMatching(problem)]);
  });
});
