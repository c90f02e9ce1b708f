import { describe, expect, it } from 'vitest';
import {
  codingIncrements,
  dayInCycle,
  describeCycle,
  instantInCycle,
  releaseCycle,
} from '../../src/domain/release-cycle.ts';
import type { CalendarMilestone } from '../../src/domain/types.ts';

function row(kind: CalendarMilestone['kind'], when: Partial<CalendarMilestone>): CalendarMilestone {
  return {
    name: kind ?? 'row',
    kind,
    who: null,
    week: null,
    at: null,
    date: null,
    endDate: null,
    aoe: false,
    ...when,
  };
}

const calendar = [
  row(null, { date: '2026-01-10' }),
  row('cycle-start', { date: '2026-01-12' }),
  row('code-freeze', { at: '2026-03-06T12:00:00Z', aoe: true }),
  row(null, { date: '2026-03-20', endDate: '2026-03-23' }),
  row('release', { date: '2026-04-22' }),
  row(null, { date: '2026-04-23' }),
];

describe('releaseCycle', () => {
  it('runs from the cycle-start row to the last day of the latest row', () => {
    expect(releaseCycle(calendar)).toEqual({
      start: '2026-01-12',
      end: '2026-04-23',
      release: '2026-04-22',
      codeFreeze: '2026-03-06',
    });
  });

  it('counts the end day of a range that ends last', () => {
    const cycle = releaseCycle([...calendar, row(null, { date: '2026-04-20', endDate: '2026-05-02' })]);
    expect(cycle?.end).toBe('2026-05-02');
  });

  it('is unknown without a cycle-start or a release row', () => {
    expect(releaseCycle(calendar.filter((m) => m.kind !== 'cycle-start'))).toBeNull();
    expect(releaseCycle(calendar.filter((m) => m.kind !== 'release'))).toBeNull();
  });

  it('includes both end days, for days and instants (UTC)', () => {
    const cycle = releaseCycle(calendar)!;
    expect(['2026-01-11', '2026-01-12', '2026-04-23', '2026-04-24'].map((d) => dayInCycle(cycle, d))).toEqual(
      [false, true, true, false],
    );
    expect(instantInCycle(cycle, '2026-04-23T23:59:00Z')).toBe(true);
    expect(instantInCycle(cycle, '2026-04-24T01:00:00+02:00')).toBe(true);
    expect(instantInCycle(cycle, '2026-04-24T00:00:00Z')).toBe(false);
    expect(describeCycle(cycle)).toBe('2026-01-12 to 2026-04-23 (release 2026-04-22)');
  });

  it('counts the increments that cover the coding up to Code Freeze (53 days: four of two weeks)', () => {
    const cycle = releaseCycle(calendar)!;
    expect(codingIncrements(cycle, 2)).toBe(4);
    expect(codingIncrements(cycle, 1)).toBe(8);
    expect(codingIncrements({ ...cycle, codeFreeze: null }, 2)).toBe(8);
  });
});
