import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalendarMilestone } from '../../src/domain/types.ts';
import { calendar135, makeMilestone } from './factories.ts';
import { type TempStore, tempStore } from './temp-db.ts';

let s: TempStore;
beforeEach(() => {
  s = tempStore();
  s.store.releases.upsert({ name: 'v1.35', codingPeriod: null });
  s.store.releases.upsert({ name: 'v1.36', codingPeriod: null });
});
afterEach(() => s.cleanup());

const ids = (release = 'v1.35') =>
  Object.fromEntries(s.store.milestones.listByRelease(release).map((m) => [m.name, m.id]));

describe('milestone repository', () => {
  it('stores a calendar and lists it by instant, a date-only row sorting at the start of its day', () => {
    expect(s.store.milestones.replaceCalendar('v1.35', calendar135())).toEqual({
      inserted: 5,
      changed: 0,
      unchanged: 0,
      removed: 0,
    });
    const listed = s.store.milestones.listByRelease('v1.35');
    expect(listed.map((m) => [m.name, m.startsAt])).toEqual([
      ['Start of Release Cycle', '2025-09-15T00:00:00.000Z'],
      ['Begin Production Readiness Freeze', '2025-10-10T12:00:00.000Z'],
      ['Begin Enhancements Freeze', '2025-10-17T12:00:00.000Z'],
      ['Begin Code Freeze and Test Freeze', '2025-11-07T12:00:00.000Z'],
      ['KubeCon NA', '2025-11-10T00:00:00.000Z'],
    ]);
  });

  it('round-trips every field of a row', () => {
    s.store.milestones.replaceCalendar('v1.35', calendar135());
    const kubecon = s.store.milestones.listByRelease('v1.35').find((m) => m.name === 'KubeCon NA')!;
    const { id, release, startsAt, ...fields } = kubecon;
    expect(fields).toEqual(calendar135()[3]);
    expect(release).toBe('v1.35');
    expect(s.store.milestones.getById(id)).toEqual(kubecon);
    expect(s.store.milestones.getById(id + 1000)).toBeNull();
  });

  it('keeps ids when a calendar is re-imported with a date moved, a row added and a row dropped', () => {
    s.store.milestones.replaceCalendar('v1.35', calendar135());
    const before = ids();
    const next: CalendarMilestone[] = calendar135()
      .filter((m) => m.name !== 'KubeCon NA')
      .map((m) => (m.kind === 'code-freeze' ? { ...m, at: '2025-11-14T12:00:00Z', week: 9 } : m));
    next.push(makeMilestone({ name: 'Docs Freeze', kind: 'docs-freeze', at: '2025-12-03T12:00:00Z' }));
    expect(s.store.milestones.replaceCalendar('v1.35', next)).toEqual({
      inserted: 1,
      changed: 1,
      unchanged: 3,
      removed: 1,
    });
    const after = ids();
    for (const name of Object.keys(after).filter((n) => n !== 'Docs Freeze'))
      expect(after[name]).toBe(before[name]);
    expect(after['KubeCon NA']).toBeUndefined();
    expect(Object.values(before)).not.toContain(after['Docs Freeze']);
    const moved = s.store.milestones.getById(before['Begin Code Freeze and Test Freeze']!);
    expect(moved).toMatchObject({
      at: '2025-11-14T12:00:00Z',
      week: 9,
      startsAt: '2025-11-14T12:00:00.000Z',
    });
  });

  it('changes nothing when the same calendar is imported again', () => {
    s.store.milestones.replaceCalendar('v1.35', calendar135());
    const before = s.store.milestones.listByRelease('v1.35');
    expect(s.store.milestones.replaceCalendar('v1.35', calendar135())).toEqual({
      inserted: 0,
      changed: 0,
      unchanged: 5,
      removed: 0,
    });
    expect(s.store.milestones.listByRelease('v1.35')).toEqual(before);
  });

  it('never reuses the id of a deleted milestone', () => {
    s.store.milestones.replaceCalendar('v1.35', [makeMilestone({ name: 'A' }), makeMilestone({ name: 'B' })]);
    const deletedId = ids().B!;
    s.store.milestones.replaceCalendar('v1.35', [makeMilestone({ name: 'A' })]);
    s.store.milestones.replaceCalendar('v1.35', [makeMilestone({ name: 'A' }), makeMilestone({ name: 'C' })]);
    expect(ids().C).toBeGreaterThan(deletedId);
  });

  it('keeps rows that share a name apart, in calendar order', () => {
    const twice = [
      makeMilestone({ name: 'Burndown meeting', kind: 'burndown', at: null, date: '2025-11-17', aoe: false }),
      makeMilestone({ name: 'Burndown meeting', kind: 'burndown', at: null, date: '2025-11-19', aoe: false }),
    ];
    s.store.milestones.replaceCalendar('v1.35', twice);
    const first = s.store.milestones.listByRelease('v1.35');
    expect(first.map((m) => m.date)).toEqual(['2025-11-17', '2025-11-19']);
    expect(s.store.milestones.replaceCalendar('v1.35', twice).unchanged).toBe(2);
    expect(s.store.milestones.listByRelease('v1.35').map((m) => m.id)).toEqual(first.map((m) => m.id));
  });

  it('keeps calendars of different releases apart', () => {
    s.store.milestones.replaceCalendar('v1.35', calendar135());
    s.store.milestones.replaceCalendar('v1.36', [makeMilestone({ at: '2026-02-13T12:00:00Z' })]);
    expect(s.store.milestones.listByRelease('v1.35')).toHaveLength(5);
    expect(s.store.milestones.listByRelease('v1.36').map((m) => m.at)).toEqual(['2026-02-13T12:00:00Z']);
  });

  it('refuses a calendar for a release that is not stored', () => {
    expect(() => s.store.milestones.replaceCalendar('v1.99', calendar135())).toThrow(
      /release "v1.99" is not stored/,
    );
  });

  it.each<[string, Partial<CalendarMilestone>, RegExp]>([
    ['both at and date', { at: '2025-10-17T12:00:00Z', date: '2025-10-17' }, /exactly one of "at"/],
    ['neither at nor date', { at: null, date: null }, /exactly one of "at"/],
    ['an impossible day', { at: null, date: '2025-14-05' }, /not a real day/],
    ['an instant without a zone', { at: '2025-10-17T12:00:00' }, /not an ISO-8601 instant/],
    ['an empty name', { name: '  ' }, /has no name/],
    ['an unknown kind', { kind: 'party' as never }, /calendar row 3 .*was not stored/],
  ])('refuses a row with %s and keeps the stored calendar', (_what, change, message) => {
    s.store.milestones.replaceCalendar('v1.35', calendar135());
    const before = s.store.milestones.listByRelease('v1.35');
    const next: CalendarMilestone[] = calendar135().map((m) => ({ ...m, who: 'changed' }));
    next[2] = { ...next[2]!, ...change };
    expect(() => s.store.milestones.replaceCalendar('v1.35', next)).toThrow(message);
    expect(s.store.milestones.listByRelease('v1.35')).toEqual(before);
  });
});
