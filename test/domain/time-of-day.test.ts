import { describe, expect, it } from 'vitest';
import { formatTimeOfDay, readTimeOfDay } from '../../src/domain/time-of-day.ts';

describe('readTimeOfDay', () => {
  it.each([
    ['9:00', '09:00'],
    ['09:00', '09:00'],
    ['14:30', '14:30'],
    ['2PM', '14:00'],
    ['4PM', '16:00'],
    ['2:30 pm', '14:30'],
    ['12PM', '12:00'],
    ['12 a.m.', '00:00'],
    ['noon', '12:00'],
    ['24:00', null],
    ['13PM', null],
    ['9', null],
    ['soon', null],
  ] as const)('%s → %s', (text, expected) => {
    const time = readTimeOfDay(text);
    expect(time && formatTimeOfDay(time)).toBe(expected);
  });
});
