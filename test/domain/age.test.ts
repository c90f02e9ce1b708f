import { describe, expect, it } from 'vitest';
import { formatAge, formatAgo } from '../../src/domain/age.ts';

const now = new Date('2026-03-10T12:00:00Z');

describe('formatAge', () => {
  it.each([
    ['2026-03-10T11:59:30Z', 'just now', 'just now'],
    ['2026-03-10T11:48:00Z', '12m', '12m ago'],
    ['2026-03-10T07:00:00Z', '5h', '5h ago'],
    ['2026-03-08T13:00:00Z', '47h', '47h ago'],
    ['2026-03-08T12:00:00Z', '2d', '2d ago'],
    ['2026-03-07T11:00:00Z', '3d', '3d ago'],
    ['2026-01-20T12:00:00Z', '7w', '7w ago'],
  ])('%s → %s', (since, age, ago) => {
    expect(formatAge(since, now)).toBe(age);
    expect(formatAgo(since, now)).toBe(ago);
  });
});
