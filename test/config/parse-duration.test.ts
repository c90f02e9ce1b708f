import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/domain/duration.ts';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

describe('parseDuration', () => {
  it.each([
    ['90m', 90 * minute],
    ['2h', 2 * hour],
    ['24h', 24 * hour],
    ['2d', 2 * day],
    ['14d', 14 * day],
    ['1w', 7 * day],
    ['0h', 0],
    ['30s', 30_000],
    ['1d12h', 36 * hour],
    ['1h30m', 90 * minute],
    [' 2d ', 2 * day],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    '',
    '2',
    'h',
    '1.5h',
    '-2h',
    '2 h',
    '2days',
    '2D',
    'two hours',
    '2y',
    '1d 12h',
    '9999999999d',
    '1e3h',
  ])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe('formatDuration', () => {
  it.each([
    [2 * day, '2d'],
    [14 * day, '14d'],
    [90 * minute, '1h30m'],
    [36 * hour, '1d12h'],
    [0, '0m'],
    [45_000, '45s'],
  ])('writes %d ms as %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each(['90m', '2d', '1d12h', '14d', '3h'])('round-trips %j', (text) => {
    expect(parseDuration(formatDuration(parseDuration(text)!))).toBe(parseDuration(text));
  });
});
