import { describe, expect, it } from 'vitest';
import {
  boardStatuses,
  defaultBoardFieldNames,
  parseBoardStatus,
  readBoardFields,
  resolveBoardFieldNames,
} from '../../src/domain/board.ts';
import { FakeGithubState, fakeFieldType } from '../../src/sandbox/github/fake-github-state.ts';
import { githubHarness } from './github-harness.ts';

describe('board Status values', () => {
  it.each([
    ['Tracked for enhancements freeze', 'Tracked for Enhancements Freeze'],
    ['Tracked For Enhancement Freeze', 'Tracked for Enhancements Freeze'],
    ['at risk for enhancement freeze', 'At Risk for Enhancements Freeze'],
    ['Tracked for PRR freeze', 'Tracked for PRR Freeze'],
    ['At Risk For PRR Freeze', 'At Risk for PRR Freeze'],
    ['tracked for code freeze', 'Tracked for Code Freeze'],
    ['At Risk For Docs Freeze', 'At Risk for Docs Freeze'],
    ['Exception pending', 'Exception Pending'],
    ['EXCEPTION APPROVED', 'Exception Approved'],
    ['deferred', 'Deferred'],
    ['Removed from Milestone', 'Removed From Milestone'],
    ['  Removed  from   milestone ', 'Removed From Milestone'],
  ])('%s reads as %s', (text, status) => {
    expect(parseBoardStatus(text)).toBe(status);
  });

  it('knows every handbook value, the PRR ones included', () => {
    expect(boardStatuses).toHaveLength(12);
    for (const status of boardStatuses) expect(parseBoardStatus(status.toUpperCase())).toBe(status);
  });

  it.each(['Trackd', 'Tracked', 'Done', ''])('%j is not a handbook value', (text) => {
    expect(parseBoardStatus(text)).toBeNull();
  });
});

describe('readBoardFields', () => {
  const cases: [string, { field: string; value: string }[], object][] = [
    [
      'the handbook fields',
      [
        { field: 'Status', value: 'At Risk for Code Freeze' },
        { field: 'Stage', value: 'Beta' },
        { field: 'SIG', value: 'SIG Node' },
        { field: 'PRR Status', value: 'Approved' },
      ],
      {
        status: 'At Risk for Code Freeze',
        trackingStatus: 'At Risk for Code Freeze',
        stage: 'Beta',
        sig: 'SIG Node',
        prrStatus: 'Approved',
      },
    ],
    [
      'names in other spellings',
      [
        { field: 'status', value: 'deferred' },
        { field: 'prr-status', value: 'Needed' },
      ],
      { status: 'deferred', trackingStatus: 'Deferred', stage: null, sig: null, prrStatus: 'Needed' },
    ],
    ['blank values are none', [{ field: 'Status', value: '  ' }], { status: null, fields: {} }],
    [
      'a Status that is no handbook value is kept as written, with no tracking status',
      [{ field: 'Status', value: 'Trackd' }],
      { status: 'Trackd', trackingStatus: null },
    ],
    [
      'other fields are kept',
      [{ field: 'Exception Request Type', value: 'Code and Test Freeze' }],
      { status: null, fields: { 'Exception Request Type': 'Code and Test Freeze' } },
    ],
  ];
  it.each(cases)('%s', (_name, values, expected) => {
    expect(readBoardFields(values)).toMatchObject(expected);
  });

  it('reads the fields the config names', () => {
    const names = { ...defaultBoardFieldNames, status: 'Enhancement Status' };
    const read = readBoardFields([{ field: 'Enhancement Status', value: 'Tracked for code freeze' }], names);
    expect(read).toMatchObject({
      status: 'Tracked for code freeze',
      trackingStatus: 'Tracked for Code Freeze',
    });
  });
});

describe('resolveBoardFieldNames', () => {
  it('says nothing when the board has the handbook fields', () => {
    const result = resolveBoardFieldNames(['Title', 'Status', 'Stage', 'SIG'], defaultBoardFieldNames);
    expect(result).toEqual({ names: defaultBoardFieldNames, warnings: [] });
  });

  it('reads a renamed field from its one similar name, and says so', () => {
    const result = resolveBoardFieldNames(['Enhancement Status', 'Stage'], defaultBoardFieldNames);
    expect(result.names.status).toBe('Enhancement Status');
    expect(result.warnings).toEqual([
      'the board has no field "Status"; reading "Enhancement Status" instead (set github.board.fields.status: "Enhancement Status" to say so)',
    ]);
  });

  it('names a missing field and the config key to set', () => {
    const result = resolveBoardFieldNames(['Status', 'Milestone'], defaultBoardFieldNames);
    expect(result.names.stage).toBe('Stage');
    expect(result.warnings).toEqual([
      'the board has no field "Stage" (fields: Status, Milestone); set github.board.fields.stage to the field\'s name',
    ]);
  });
});

describe('the sync reads the board by the configured names', () => {
  const seed = (fieldNames: string[], status: string) => ({
    owner: 'kubernetes',
    name: 'enhancements',
    milestones: ['v1.35'],
    issues: [
      {
        number: 4222,
        title: 'A KEP',
        state: 'OPEN' as const,
        milestone: 'v1.35',
        labels: ['lead-opted-in'],
        updatedAt: '2025-09-01T00:00:00Z',
      },
    ],
    board: {
      org: 'kubernetes',
      number: 264,
      fieldNames,
      items: [
        {
          issueNumber: 4222,
          fields: { [fieldNames[0]!]: status, Stage: 'Beta' },
          archived: false,
          updatedAt: '2025-09-01T00:00:00Z',
        },
      ],
    },
  });

  it('finds a renamed Status field and warns, instead of reading no status', async () => {
    const h = await githubHarness({
      seed: seed(['Enhancement Status', 'Stage'], 'Tracked for enhancements freeze'),
    });
    try {
      const summary = await h.sync();
      expect(summary.warnings).toContain(
        'the board has no field "Status"; reading "Enhancement Status" instead (set github.board.fields.status: "Enhancement Status" to say so)',
      );
      const [item] = h.store.githubSnapshots.listBoardItems('kubernetes/264');
      expect(item).toMatchObject({ status: 'Tracked for enhancements freeze', stage: 'Beta' });
    } finally {
      await h.close();
    }
  });

  it('reads a field the config names, without a warning', async () => {
    const names = { ...defaultBoardFieldNames, status: 'KEP status' };
    const h = await githubHarness({
      seed: seed(['KEP status', 'Stage'], 'At Risk for PRR Freeze'),
      options: { boardFieldNames: names },
    });
    try {
      const summary = await h.sync();
      expect(summary.warnings.filter((w) => w.includes('board'))).toEqual([]);
      expect(h.store.githubSnapshots.listBoardItems('kubernetes/264')[0]?.status).toBe(
        'At Risk for PRR Freeze',
      );
    } finally {
      await h.close();
    }
  });

  it('warns about a Status that is no handbook value, naming the issue', async () => {
    const h = await githubHarness({ seed: seed(['Status', 'Stage'], 'Trackd') });
    try {
      const summary = await h.sync();
      expect(summary.warnings).toContain(
        '#4222 has board Status "Trackd", which is not one of the handbook\'s values; it is read as no tracking status',
      );
    } finally {
      await h.close();
    }
  });

  it('the fake board has the fields the seed names, and types them as GitHub does', () => {
    const state = new FakeGithubState(seed(['Status'], 'Deferred'), { now: () => new Date(0) });
    expect(state.board?.fieldNames).toEqual(['Status']);
    expect(
      ['Status', 'Exception Request Slack Thread', 'Exception Request Date', 'Additional Time'].map(
        fakeFieldType,
      ),
    ).toEqual(['single-select', 'text', 'date', 'number']);
  });
});
