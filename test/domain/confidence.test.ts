import { describe, expect, it } from 'vitest';
import { checkConfidence, currentIncrement, listIncrements } from '../../src/domain/confidence.ts';

const period = {
  start: '2026-06-17',
  increments: 4,
  weeksPerIncrement: 2,
  confidenceCaps: [100, 80, 60, 40],
};
const at = (iso: string) => new Date(iso);

describe('listIncrements', () => {
  it('splits the coding period into two-week increments', () => {
    expect(listIncrements(period)).toEqual([
      { number: 1, weeks: [1, 2], start: '2026-06-17', end: '2026-06-30' },
      { number: 2, weeks: [3, 4], start: '2026-07-01', end: '2026-07-14' },
      { number: 3, weeks: [5, 6], start: '2026-07-15', end: '2026-07-28' },
      { number: 4, weeks: [7, 8], start: '2026-07-29', end: '2026-08-11' },
    ]);
  });
});

describe('currentIncrement', () => {
  it.each([
    ['2026-06-01T00:00:00Z', 1],
    ['2026-06-17T00:00:00Z', 1],
    ['2026-06-30T23:59:59Z', 1],
    ['2026-07-01T00:00:00Z', 2],
    ['2026-07-20T12:00:00Z', 3],
    ['2026-09-01T00:00:00Z', 4],
  ])('%s → %i', (now, expected) => {
    expect(currentIncrement(period, at(now))).toBe(expected);
  });
});

describe('checkConfidence', () => {
  const before = at('2026-06-10T00:00:00Z');
  it.each([
    [1, 100, true, 100],
    [2, 80, true, 80],
    [2, 81, false, 80],
    [3, 60, true, 60],
    [3, 70, false, 60],
    [4, 40, true, 40],
    [4, 10, true, 40],
    [4, 41, false, 40],
  ])('increment %i at %i%% → ok=%s (cap %i)', (target, confidence, ok, cap) => {
    const result = checkConfidence(period, target, confidence, before);
    expect(result.ok).toBe(ok);
    expect(result.cap).toBe(cap);
  });

  it('gives the reason with the cap and the weeks', () => {
    const result = checkConfidence(period, 3, 90, before);
    expect(result).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/90% is above the 60% cap .*weeks 5–6.*2 increments ahead/),
    });
  });

  it('moves the caps as time passes', () => {
    expect(checkConfidence(period, 3, 100, at('2026-07-16T00:00:00Z')).ok).toBe(true);
    expect(checkConfidence(period, 4, 90, at('2026-07-16T00:00:00Z'))).toMatchObject({ ok: false, cap: 80 });
  });

  it('refuses ended and unknown increments', () => {
    expect(checkConfidence(period, 1, 50, at('2026-07-16T00:00:00Z'))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/already ended/),
    });
    expect(checkConfidence(period, 9, 50, before)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no increment 9/),
    });
  });

  it('uses the last cap for anything further away', () => {
    const long = { ...period, increments: 6 };
    expect(checkConfidence(long, 6, 40, before)).toMatchObject({ ok: true, cap: 40, distance: 5 });
  });
});
