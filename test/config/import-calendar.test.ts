import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReleaseCalendar } from '../../src/config/import-calendar.ts';
import { ImportError } from '../../src/config/import-sigs.ts';

function fixture(release: string) {
  const url = new URL(`../fixtures/k8s/schedules/release-${release}/README.md`, import.meta.url);
  return parseReleaseCalendar(readFileSync(url, 'utf8'), `release-${release}/README.md`);
}

const v135 = fixture('1.35');
const v134 = fixture('1.34');
const only = (result: typeof v135, kind: string) => {
  const rows = result.milestones.filter((m) => m.kind === kind);
  expect(rows).toHaveLength(1);
  return rows[0];
};

describe('parseReleaseCalendar on the v1.35 README (AoE format)', () => {
  it('reads the release and every Timeline row', () => {
    expect(v135.release).toBe('v1.35');
    expect(v135.milestones).toHaveLength(38);
    expect(v135.warnings).toEqual([]);
  });

  it.each([
    ['prr-freeze', '2025-10-10T12:00:00Z', 4],
    ['enhancements-freeze', '2025-10-17T12:00:00Z', 5],
    ['feature-blog-freeze', '2025-10-31T12:00:00Z', 7],
    ['code-freeze', '2025-11-07T12:00:00Z', 8],
    ['docs-freeze', '2025-12-03T12:00:00Z', 12],
  ])('%s is the AoE deadline %s in week %i', (kind, at, week) => {
    expect(only(v135, kind)).toMatchObject({ at, date: null, endDate: null, aoe: true, week });
  });

  it.each([
    ['cycle-start', 'Start of Release Cycle', '2025-09-15', 'Lead'],
    ['burndown', 'Begin Burndown (Monday, Wednesday, and Friday meetings)', '2025-11-17', 'Lead'],
    ['release', 'v1.35.0 released', '2025-12-17', 'Branch Manager'],
    ['thaw', 'Thaw', '2025-12-18', 'Comms'],
  ])('%s is the day-only row "%s"', (kind, name, date, who) => {
    expect(only(v135, kind)).toEqual({
      name,
      kind,
      who,
      week: expect.any(Number),
      at: null,
      date,
      endDate: null,
      aoe: false,
    });
  });

  it('classifies the rows that mention a freeze without being it', () => {
    const kindOf = (name: string) => v135.milestones.find((m) => m.name === name)?.kind;
    expect(kindOf('Call for Code Freeze Exceptions')).toBe('exceptions-call');
    expect(kindOf('Call for PRR and Enhancement Freeze Exceptions')).toBe('exceptions-call');
    expect(kindOf('Brace Yourself, Code Freeze is Coming')).toBeNull();
    expect(kindOf('Release blog published')).toBeNull();
    expect(v135.milestones.filter((m) => m.kind === 'alpha').map((m) => m.date)).toEqual([
      '2025-10-08',
      '2025-10-22',
      '2025-11-05',
    ]);
    expect(v135.milestones.filter((m) => m.kind === 'rc')).toHaveLength(2);
  });

  it('reads the KubeCon range, the 23th typo and the blank week', () => {
    expect(v135.milestones.find((m) => m.name === 'KubeCon NA')).toEqual({
      name: 'KubeCon NA',
      kind: null,
      who: null,
      week: 9,
      at: null,
      date: '2025-11-10',
      endDate: '2025-11-13',
      aoe: false,
    });
    expect(v135.milestones.find((m) => m.name.startsWith('Docs deadline — Open'))?.date).toBe('2025-10-23');
    expect(v135.milestones.at(-1)).toMatchObject({
      name: 'Feature blog publication starts',
      week: null,
      date: '2025-12-18',
    });
  });
});

describe('parseReleaseCalendar on the v1.34 README (UTC / PDT format)', () => {
  it('reads the release and every row', () => {
    expect(v134.release).toBe('v1.34');
    expect(v134.milestones).toHaveLength(36);
  });

  it('keeps a day-only PRR Freeze as a date, without inventing a time', () => {
    expect(only(v134, 'prr-freeze')).toMatchObject({ date: '2025-06-12', at: null, aoe: false, week: 4 });
    expect(only(v134, 'docs-freeze')).toMatchObject({ date: '2025-08-06', at: null });
  });

  it.each([
    ['enhancements-freeze', '2025-06-20T21:00:00Z'],
    ['feature-blog-freeze', '2025-07-11T02:00:00Z'],
    ['code-freeze', '2025-07-25T02:00:00Z'],
  ])('trusts the UTC part for %s: %s', (kind, at) => {
    expect(only(v134, kind)).toMatchObject({ at, date: null, aoe: false });
  });

  it('reports the PST labels that disagree with their UTC time, with the line', () => {
    expect(v134.warnings).toEqual([
      {
        source: 'release-1.34/README.md:75',
        message: expect.stringContaining(
          '14:00 PST on 2025-06-20 is 2025-06-20T22:00:00Z, not 2025-06-20T21:00:00Z',
        ),
      },
      {
        source: 'release-1.34/README.md:81',
        message: expect.stringContaining('19:00 PST on 2025-07-10 is 2025-07-11T03:00:00Z'),
      },
    ]);
  });
});

describe('parseReleaseCalendar on other README formats', () => {
  it('reads a table with differently named columns, ISO dates, arrows and emoji', () => {
    const markdown = `# Kubernetes 1.37 Release

## Schedule

| Milestone | Owner | Date | Week |
|:--|:--|:--|--:|
| 🚀 **Start of Release Cycle** | Lead | Mon 2026-05-18 | 1 |
| **Begin Enhancements Freeze** | Enhancements | Thu 2026-06-18 AoE → 2026-06-19 12:00 UTC | 5 |
| **Code Freeze** | Branch Manager | 2026-07-24T02:00:00Z | 10 |
| KubeCon Japan | | 2026-07-28 … 2026-07-29 | |
| **v1.37.0 released** | Branch Manager | August 26, 2026 | 15 |
`;
    const result = parseReleaseCalendar(markdown, 'r.md');
    expect(result.release).toBe('v1.37');
    expect(result.warnings).toEqual([]);
    expect(result.milestones.map((m) => [m.kind, m.at ?? m.date, m.endDate, m.week, m.who])).toEqual([
      ['cycle-start', '2026-05-18', null, 1, 'Lead'],
      ['enhancements-freeze', '2026-06-19T12:00:00Z', null, 5, 'Enhancements'],
      ['code-freeze', '2026-07-24T02:00:00Z', null, 10, 'Branch Manager'],
      [null, '2026-07-28', '2026-07-29', null, null],
      ['release', '2026-08-26', null, 15, 'Branch Manager'],
    ]);
  });

  it('takes the year from earlier rows when a row gives none, and says so', () => {
    const markdown = `## Timeline
| What | Who | When | Week |
| --- | --- | --- | --- |
| Start of Release Cycle | Lead | Monday 12th January 2026 | week 1 |
| Docs Freeze | Docs | Tuesday 24th March | week 11 |
`;
    const result = parseReleaseCalendar(markdown, 'r.md');
    expect(result.milestones[1]).toMatchObject({ kind: 'docs-freeze', date: '2026-03-24' });
    expect(result.warnings).toEqual([
      { source: 'r.md:5', message: '"Docs Freeze": "Tuesday 24th March" gives no year; assumed 2026' },
    ]);
  });

  it('keeps a row it cannot date, and reports it', () => {
    const markdown = `| What | When |\n|---|---|\n| Code Freeze | TBD |\n`;
    const result = parseReleaseCalendar(markdown, 'r.md');
    expect(result.milestones).toEqual([
      {
        name: 'Code Freeze',
        kind: 'code-freeze',
        who: null,
        week: null,
        at: null,
        date: null,
        endDate: null,
        aoe: false,
      },
    ]);
    expect(result.warnings).toEqual([{ source: 'r.md:3', message: '"Code Freeze": no date found in "TBD"' }]);
  });

  it('prefers the Timeline over the Summary, and names both dates', () => {
    const markdown = `# Kubernetes v1.36

## Summary

- **Thursday 5th March 2026**:
  Week 8 — [Feature blog freeze][Feature blog freeze]
- **Monday 9th February 2026**: Week 1 — Release cycle begins

## Timeline

| What | Who | When | Week |
| --- | --- | --- | --- |
| Start of Release Cycle | Lead | Monday 9th February 2026 | week 1 |
| Begin Feature blog freeze | Comms | Thursday 12th March 2026 | week 6 |
`;
    const result = parseReleaseCalendar(markdown, 'r.md');
    expect(result.release).toBe('v1.36');
    expect(result.warnings).toEqual([
      {
        source: 'r.md:5',
        message:
          'the Summary gives Begin Feature blog freeze as 2026-03-05 but the Timeline as 2026-03-12; using the Timeline',
      },
    ]);
  });

  it('reports two rows that both read as the same freeze', () => {
    const markdown = `| What | When |\n|---|---|\n| Code Freeze | 2026-07-01 |\n| Code Freeze (again) | 2026-07-02 |\n`;
    expect(parseReleaseCalendar(markdown, 'r.md').warnings).toEqual([
      {
        source: 'r.md',
        message: '2 Timeline rows read as code-freeze: "Code Freeze", "Code Freeze (again)"',
      },
    ]);
  });

  it.each([
    ['no table', '# Kubernetes v1.36\n\nNothing here.\n'],
    ['a table without What/When columns', '| Role | Name |\n|---|---|\n| Lead | Someone |\n'],
    ['binary garbage', '\u0000\u0001\u0002|||\u00ff'],
  ])('throws ImportError for %s', (_name, markdown) => {
    expect(() => parseReleaseCalendar(markdown, 'x.md')).toThrow(ImportError);
    expect(() => parseReleaseCalendar(markdown, 'x.md')).toThrow(/x.md has no Timeline table/);
  });
});
