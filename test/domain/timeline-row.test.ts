import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReleaseCalendar } from '../../src/config/import-calendar.ts';
import { isDeadline, rowOverAt, upcomingRows } from '../../src/domain/timeline-row.ts';
import type { CalendarMilestone } from '../../src/domain/types.ts';

const v135 = parseReleaseCalendar(
  readFileSync(new URL('../fixtures/k8s/schedules/release-1.35/README.md', import.meta.url), 'utf8'),
  'README.md',
).milestones;

function row(fields: Partial<CalendarMilestone>): CalendarMilestone {
  return {
    name: 'x',
    kind: null,
    who: null,
    week: null,
    at: null,
    date: null,
    endDate: null,
    aoe: false,
    ...fields,
  };
}

describe('isDeadline on the v1.35 Timeline', () => {
  const names = (deadline: boolean) => v135.filter((m) => isDeadline(m) === deadline).map((m) => m.name);

  it('takes the freezes, the release and rows that say something is due', () => {
    expect(names(true)).toEqual([
      'Begin Production Readiness Freeze',
      'Begin Enhancements Freeze',
      'Docs deadline — Open placeholder PRs',
      'Begin Feature blog freeze - Open placeholder PRs',
      'Begin Code Freeze and Test Freeze',
      'Docs deadline — PRs ready for review',
      'Release Highlights deadline',
      'Release blog ready to review',
      'Feature blogs ready to review',
      'Docs Freeze',
      'Release Highlights complete',
      'Release Notes complete — reviewed & merged to https://github.com/kubernetes/kubernetes',
      'v1.35.0 released',
    ]);
  });

  it('leaves reminders, conferences, meetings and release cuts as events', () => {
    const events = names(false);
    for (const name of [
      'Brace Yourself, Code Freeze is Coming',
      'KubeCon NA',
      'Begin APAC-friendly meetings',
      'Burndown Meetings daily (Tuesday & Thursday over Slack)',
      'v1.35.0-alpha.1 released',
      'Start of Release Cycle',
      'Call for Code Freeze Exceptions',
      'Thaw',
    ])
      expect(events).toContain(name);
  });
});

describe('when a row is over', () => {
  it('an instant at that instant; a day at the end of that day (UTC); a range at the end of its last day', () => {
    expect(rowOverAt(row({ at: '2025-10-17T12:00:00Z' }))).toBe(Date.parse('2025-10-17T12:00:00Z'));
    expect(rowOverAt(row({ date: '2025-10-27' }))).toBe(Date.parse('2025-10-28T00:00:00Z'));
    expect(rowOverAt(row({ date: '2025-11-10', endDate: '2025-11-13' }))).toBe(
      Date.parse('2025-11-14T00:00:00Z'),
    );
  });

  it('lists a day-only row all that day, a range while it lasts, and nothing beyond the horizon', () => {
    const rows = [
      row({ name: 'past', at: '2025-11-10T08:00:00Z' }),
      row({ name: 'today', date: '2025-11-10' }),
      row({ name: 'KubeCon', date: '2025-11-09', endDate: '2025-11-13' }),
      row({ name: 'in a week', date: '2025-11-17' }),
      row({ name: 'later', date: '2025-11-30' }),
    ];
    const names = upcomingRows(rows, new Date('2025-11-10T15:00:00Z'), 14 * 86_400_000).map((r) => r.name);
    expect(names).toEqual(['today', 'KubeCon', 'in a week']);
  });
});
