import { describe, expect, it } from 'vitest';
import { netPromoterScore, npsGroup, summarizePulse } from '../../src/domain/nps.ts';
import { median, quantile } from '../../src/domain/stats.ts';

describe('net promoter score', () => {
  it.each([
    [[10, 9, 8, 7, 6], 20],
    [[0, 1, 2], -100],
    [[9, 10], 100],
    [[7, 8], 0],
    [[10, 6, 8], 0],
    [[10, 10, 0], 33],
  ])('%j → %i', (scores, nps) => {
    expect(netPromoterScore(scores)).toBe(nps);
  });

  it('groups 9–10 as promoters, 7–8 as passives and 0–6 as detractors', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsGroup)).toEqual([
      'detractors',
      'detractors',
      'passives',
      'passives',
      'promoters',
      'promoters',
    ]);
    expect(netPromoterScore([])).toBeNull();
  });
});

describe('pulse summary', () => {
  const answers = [
    { score: 10, comment: 'Zed liked it' },
    { score: 9, comment: null },
    { score: 3, comment: 'Too many pings' },
    { score: 7, comment: 'ok' },
    { score: 10, comment: 'Also good' },
  ];
  const input = { release: 'v1.35', invited: 8, answers, minimum: 5 };

  it('shows NPS, distribution and sorted comments by group once closed with enough answers', () => {
    const s = summarizePulse({ ...input, state: 'closed' });
    expect(s).toMatchObject({ shown: true, nps: 40, answered: 5, responseRate: 5 / 8 });
    expect(s.distribution).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 2]);
    expect(s.groups).toEqual({ promoters: 3, passives: 1, detractors: 1 });
    expect(s.comments).toEqual({
      promoters: ['Also good', 'Zed liked it'],
      passives: ['ok'],
      detractors: ['Too many pings'],
    });
  });

  it('hides everything but the count below the threshold and while open', () => {
    for (const s of [
      summarizePulse({ ...input, minimum: 6, state: 'closed' }),
      summarizePulse({ ...input, state: 'open' }),
    ]) {
      expect(s).toMatchObject({ shown: false, nps: null, distribution: [], answered: 5 });
      expect(Object.values(s.comments).flat()).toEqual([]);
    }
  });
});

describe('stats', () => {
  it('takes nearest-rank quantiles, the lower middle as median', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(quantile([2, 5], 0.9)).toBe(5);
    expect(median([])).toBeNull();
  });
});
